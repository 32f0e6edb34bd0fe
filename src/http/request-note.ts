import type { Context } from 'koa';
import type { RequestNote, RequestNoteInput } from '../model/request-log.js';

// What an edge learns of its request (the operation, the client, why it refused) goes on the
// request's note, which the request logger turns into the log entry once the answer is written.

/** Adds to the request's note; later values win (the edge that words the error says it last). */
export function noteRequest(ctx: Context, note: RequestNoteInput): void {
  let current = ctx.state.requestNote as RequestNote | undefined;
  if (current === undefined) ctx.state.requestNote = current = {};
  for (const [key, value] of Object.entries(note)) if (value !== undefined) current[key as keyof RequestNote] = value;
}

/** The note so far (empty when no edge wrote one). */
export const requestNoteOf = (ctx: Context): RequestNote => (ctx.state.requestNote as RequestNote | undefined) ?? {};

/** User input shown in a reason: at most 64 characters, so a huge value cannot flood the log. */
export const shownInput = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}…` : value);
