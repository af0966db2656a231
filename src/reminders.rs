//! One round of check-in reminders over the store: what the bot's scheduler task
//! (`discord::scheduler`) runs each time it wakes. It knows nothing of Discord: the caller hands in
//! the clock's time and a `send` that delivers one reminder ([`run_round`]'s is synchronous;
//! [`run_round_async`]'s awaits a DM, with its own retries on 5xx and 429).
//!
//! Each due check-in is claimed before anything else ([`Store::claim`]), so two schedulers over
//! one store, or a restart in the middle, never send it twice. The schedule is advanced straight
//! after the claim and before sending: a crash then loses at most that one reminder, never
//! repeats it. After downtime each user gets one catch-up, since the store keeps one due entry per
//! user and [`CheckinRecord::sent`] moves it past every missed slot.
//!
//! [`CheckinRecord::sent`]: crate::advisor::checkin::CheckinRecord::sent

use crate::advisor::checkin::{self, CheckinRules, ProgressReport};
use crate::store::{Store, StoreError, UserId};

/// One reminder to deliver: whose, the time it was due, and the progress view model to show
/// ("Month 2 of 6: $2,000 of $6,000 spent").
#[derive(Debug, Clone)]
pub struct Reminder {
    pub user: UserId,
    pub due_at: u64,
    pub progress: ProgressReport,
}

/// What became of one reminder this round.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery<E> {
    pub user: UserId,
    pub due_at: u64,
    /// The sender's error, for the front to act on (DMs closed: mark it and tell the owner at
    /// their next `/assess` or `/progress`). The schedule has moved on either way.
    /// The error is the sender's own type, so the front matches on it, never on its text.
    pub result: Result<(), E>,
}

/// Sends every check-in due at `now` that this caller wins the claim for; returns what it sent.
/// `send` is synchronous (the CLI, the store tests); the bot's scheduler uses [`run_round_async`].
pub async fn run_round<E>(
    store: &dyn Store,
    now: u64,
    rules: &CheckinRules,
    send: &mut dyn FnMut(&Reminder) -> Result<(), E>,
) -> Result<Vec<Delivery<E>>, StoreError> {
    run_round_async(
        store,
        now,
        rules,
        |_| true,
        |reminder| std::future::ready(send(&reminder)),
    )
    .await
}

/// [`run_round`] with a sender that awaits (a DM over the network, with its retries), for the
/// users `mine` accepts (the bot sends Discord users' check-ins, and leaves a terminal user's
/// unclaimed). Reminders are sent one at a time, in due order: each is claimed and rescheduled
/// before its send starts.
pub(crate) async fn run_round_async<E, F, Fut>(
    store: &dyn Store,
    now: u64,
    rules: &CheckinRules,
    mine: impl Fn(&UserId) -> bool,
    mut send: F,
) -> Result<Vec<Delivery<E>>, StoreError>
where
    F: FnMut(Reminder) -> Fut,
    Fut: std::future::Future<Output = Result<(), E>>,
{
    let mut deliveries = Vec::new();
    for (user, due_at) in store.due(now).await? {
        if !mine(&user) || !store.claim(&user, due_at).await? {
            continue;
        }
        let record = store
            .update_checkins(&user, &mut |record| {
                record.map(|mut record| {
                    record.sent(now, rules);
                    record
                })
            })
            .await?;
        let Some(record) = record else {
            continue;
        };
        let reminder = Reminder {
            user: user.clone(),
            due_at,
            progress: checkin::progress(Some(&record), now, rules),
        };
        let result = send(reminder).await;
        deliveries.push(Delivery { user, due_at, result });
    }
    Ok(deliveries)
}
