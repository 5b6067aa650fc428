#!/usr/bin/env node
/** @module cli — the `weft` command's entry point. */
import { detectRuntime } from '@weft/core';
import { main } from './program.js';
import { removeScratchDirsOnSignal } from './scratch-dirs.js';

// Ctrl-C or SIGTERM mid-run: remove the run's temporary folders (data shards, browser profiles) before exiting.
removeScratchDirsOnSignal();
process.exitCode = await main(process.argv.slice(2));
// A usage error ends the process at once: nothing was started, and a path check cut off by its time limit may
// still hold a file-system call open.
if (process.exitCode === 2) process.exit(2);
// Deno cannot stop a worker busy in a synchronous loop: terminate() settles its task, but the thread spins on and
// keeps the process alive. The results are written by now, so end the process instead of waiting on such a thread.
if (detectRuntime().name === 'deno') process.exit(process.exitCode);
