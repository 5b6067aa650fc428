#!/usr/bin/env node
/** @module cli — the `weft` command's entry point. */
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
