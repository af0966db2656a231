pub mod advisor;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod discord;
pub mod session;
pub mod store;
pub mod text;
