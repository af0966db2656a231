//! The PostgreSQL backend's own promises (one-line errors with no password, migrations, claims).
//! A test binary of its own because it installs a process-wide subscriber at TRACE to search the
//! whole log for the password: beside sled in the same process, sled's trace events logged while a
//! thread's locals are torn down abort the process (seen once in five runs of a merged store
//! binary). See docs/testing.md.

mod backend;
