// The task functions. Only the worker bundle holds them: the page never imports this module.
export function square(n) {
  return { square: n * n, inWorker: typeof window === 'undefined' };
}
