//! Tests of pattern queries on small graphs.
