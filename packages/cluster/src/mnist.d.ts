/** Types of the `mnist` package (it ships none), for the training test. */
declare module 'mnist' {
  /** One digit: 784 grey levels in [0, 1] and a one-hot label. */
  interface Digit {
    readonly input: number[];
    readonly output: number[];
  }
  const mnist: {
    /** Draws `training` and `test` digits at random from the package's set. */
    set(training: number, test: number): { training: Digit[]; test: Digit[] };
  };
  export default mnist;
}
