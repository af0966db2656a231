pub mod advisor;
pub mod store;
