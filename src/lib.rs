pub mod advisor;
