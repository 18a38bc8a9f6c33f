//! Builds a small county for a test through the store's own functions.
