/**
 * The `TIMESTAMP` of a `PASSWORD_VERIFIER` answer: Java's `EEE MMM d HH:mm:ss z yyyy` in English and
 * UTC, the day not zero-padded ("Wed Dec 2 18:00:00 UTC 2026"; cognito-reference-users §4.4). The
 * client signs this exact text, so the server checks the text, not only the instant it names.
 */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The shape Java's parser accepts; anything else is Cognito's "TIMESTAMP format should be …". */
const SHAPE = /^([A-Za-z]{3}) ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([A-Za-z]{1,5}) (\d{4})$/;

const two = (n: number): string => String(n).padStart(2, '0');

/** The timestamp the AWS clients write for an instant (epoch ms). */
export function srpTimestampOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} `
    + `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * The instant a timestamp names, `'malformed'` when it is not in the format at all, or
 * `'noncanonical'` when it parses but is not what a client writes: a zero-padded day ("Sep 05"), a
 * wrong weekday, another zone, a date that does not exist. Cognito refuses those as a wrong
 * password (§4.4), so they must never reach the signature check as if they were fine.
 */
export function parseSrpTimestamp(text: string): number | 'malformed' | 'noncanonical' {
  const m = SHAPE.exec(text);
  if (!m) return 'malformed';
  const month = MONTHS.indexOf(m[2]!);
  if (month < 0) return 'noncanonical';
  const epochMs = Date.UTC(Number(m[8]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return srpTimestampOf(epochMs) === text ? epochMs : 'noncanonical';
}
