"""The demo partnership's data, one module per subject; facts from the seeds, sentences our own."""
