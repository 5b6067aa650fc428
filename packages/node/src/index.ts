/** @module @weft/node — Node adapters for Weft: the worker_threads executor and file and HTTP sources. */
