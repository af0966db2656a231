//! The Discord front: slash commands, buttons, select menus, modals and chat, on serenity.
//!
//! Thin by design: events become core inputs through [`crate::session`], and screens become
//! Discord messages in [`render`]. Nothing about an interview is kept in memory.

pub mod bot;
pub mod checkin_dm;
pub mod commands;
pub mod components;
pub mod conversation;
pub mod custom_id;
pub mod data;
pub mod gate;
pub mod handler;
pub mod render;
pub mod scheduler;
pub mod throttle;

pub use data::Data;
