/** @module progress — a status line that rewrites itself on a terminal, and plain lines anywhere else. */

/** Where progress goes. */
export interface Progress {
  /** Shows the current step. */
  update(message: string): void;
  /** Clears the status line (on a terminal) before normal output resumes. */
  done(): void;
}

/** A progress display on `stream`: a rewritten status line if it is a TTY, one plain line per update otherwise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return { update: (message) => stream.write(`… ${message}\n`), done: () => undefined };
  }
  const started = Date.now();
  let shown = false;
  return {
    update(message) {
      const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
      const line = `[${seconds} s] ${message}`;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
