//! The Discord front: slash commands, buttons, select menus, modals and chat, on serenity.
//!
//! Thin by design: events become core inputs through [`crate::app`], and screens become
//! Discord messages in [`render`]. Nothing about an interview is kept in memory.

pub mod bot;
pub mod checkin_dm;
pub mod commands;
pub mod components;
pub(crate) mod conversation;
pub mod custom_id;
pub mod data;
pub(crate) mod gate;
pub(crate) mod handler;
pub(crate) mod registration;
pub mod render;
pub mod scheduler;
pub(crate) mod throttle;

pub use data::Data;

use crate::advisor::check::{FrontKeys, MenuLimits};
use crate::store::UserId;

/// A Discord user's id: serenity's typed id, never a bare number, and not the store's
/// [`UserId`] (opaque text that [`UserId::discord`] makes from it).
pub use serenity::all::UserId as DiscordUserId;

/// The sentences of prompts/messages.toml the Discord front looks up by name, besides the
/// commands' descriptions (which [`commands::message_keys`] derives from the list of commands).
const MESSAGE_KEYS: &[&str] = &[
    "discord.export_csv_text",
    "discord.brief_text",
    "discord.all_done_skipped",
    "discord.type_answer",
    "discord.back",
    "discord.skip",
    "discord.exit",
    "discord.pick_one",
    "discord.pick_typical",
    "discord.pick_many",
    "discord.modal_title",
    "discord.edit_placeholder",
    "discord.not_yours",
    "discord.forged",
    "discord.saved_exit",
    "discord.all_answered",
    "discord.error",
    "discord.unknown_command",
    "discord.forget_confirm",
    "discord.forget_yes",
    "discord.forget_no",
    "discord.forget_done",
    "discord.forget_cancelled",
    "discord.export_text",
    "discord.you",
    "discord.dm_offer",
    "discord.sent_privately",
    "discord.busy",
    "discord.history_older",
    "discord.history_newer",
    "discord.answers_previous",
    "discord.answers_next",
    "discord.answers_page",
    "discord.export_too_big",
    "discord.slow_down",
    "discord.help_title",
    "discord.help_text",
    "discord.help_sources",
    "discord.help_stored_title",
    "discord.help_stored",
    // Check-ins (issue 16): the offer, the DM and its form, /checkins' choices, /progress.
    "discord.checkins_offer",
    "discord.checkins_on_monthly",
    "discord.checkins_on_two_weeks",
    "discord.checkin_dm",
    "discord.checkin_log",
    "discord.checkin_snooze",
    "discord.checkin_stop",
    "discord.checkin_modal_title",
    "discord.checkin_spend_label",
    "discord.checkin_followers_label",
    "discord.checkin_leads_label",
    "discord.checkin_sales_label",
    "discord.checkin_unreadable",
    "discord.checkin_nothing",
    "discord.checkins_not_set_up",
    "discord.checkins_no_plan",
    "discord.checkins_off",
    "discord.checkin_snoozed",
    "discord.checkins_not_on",
    "discord.dms_closed",
    "discord.help_checkins_title",
    "discord.help_checkins",
    // The advice card (issue 30).
    "discord.card.confidence_high",
    "discord.card.confidence_medium",
    "discord.card.confidence_low",
    "discord.card.spend",
    "discord.card.spend_value",
    "discord.card.break_even",
    "discord.card.break_even_value",
    "discord.card.stop",
    "discord.card.stop_value",
    "discord.card.sources",
    "discord.card.summary",
    "discord.card.why",
    "discord.card.checklist",
    "discord.card.changes",
    "discord.card.brief",
    "discord.card.start",
    "discord.card.resume",
    "discord.card.logged",
    "discord.card.checkins_status_on",
    "discord.card.checkins_status_off",
    "discord.card.keep",
    "discord.card.current_answer",
    "discord.card.echo",
    "discord.card.you_wrote",
    "discord.card.welcome_title",
    "discord.card.welcome",
    "discord.card.welcome_chat",
    "discord.card.brief_empty",
    "discord.card.privacy_title",
    "discord.card.privacy",
    "discord.card.only_commands_here",
    "discord.card.answer_line",
    "discord.card.answer_typed",
    "discord.card.answers_changed",
];

/// Every sentence the Discord front needs, for `check`.
pub(crate) fn message_keys() -> FrontKeys {
    let mut keys: Vec<String> = MESSAGE_KEYS
        .iter()
        .chain(crate::chat::MESSAGE_KEYS)
        .chain(crate::brief::MESSAGE_KEYS)
        .chain(crate::view::CHART_KEYS)
        .chain(crate::view::offer::OFFER_KEYS)
        .map(|k| (*k).to_owned())
        .collect();
    keys.extend(commands::message_keys());
    FrontKeys {
        front: "discord",
        keys,
        // A string select menu's options and their text; a question id inside a custom_id.
        menus: Some(MenuLimits {
            options: render::SELECT_OPTIONS_MAX,
            text: render::OPTION_MAX,
            question_id: custom_id::QUESTION_ID_MAX,
        }),
    }
}

impl UserId {
    /// The records of the Discord user `id`.
    pub fn discord(id: impl Into<DiscordUserId>) -> Self {
        UserId(format!("discord:{}", id.into()))
    }
}
