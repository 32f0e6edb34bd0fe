/** A group of writers waiting for one write: settled once, for all of them (group commit). */
export interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
  settled: boolean;
}

export function waiting(): Waiting {
  const group = { settled: false } as Waiting;
  group.promise = new Promise<void>((resolve, reject) => {
    group.resolve = () => { group.settled = true; resolve(); };
    group.reject = (error) => { group.settled = true; reject(error); };
  });
  return group;
}
