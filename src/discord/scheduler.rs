//! The check-in scheduler: one background task per bot process that DMs each owner their
//! check-in when it falls due.
//!
//! It is shaped like mini-redis's purge task (`db.rs`): run a round ([`reminders::run_round_async`]:
//! claim each due check-in, move its schedule on, then DM it), then sleep until the next due time
//! or until [`Schedule::wake`] says a check-in was scheduled, and stop when the bot shuts down
//! (its [`SchedulerGuard`] dropped or stopped: the task's stop sender goes with it). Time is the
//! [`Data`]'s clock, so tests drive it with a [`crate::clock::FakeClock`] and a wake, never a
//! sleep. Every process of a sharded bot runs one: the store's claim lets exactly one of them send
//! each check-in.
//!
//! [`reminders::run_round_async`]: crate::reminders::run_round_async

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{oneshot, watch, Notify};
use tokio::task::JoinHandle;

use super::checkin_dm::{self, DmError, Dms};
use super::Data;
use crate::advisor::checkin::CheckinRules;
use crate::discord::DiscordUserId;
use crate::reminders::{self, Reminder};
use crate::store::{StoreError, UserId};

/// The longest the task sleeps between rounds, in seconds: it looks again at least hourly, so a
/// check-in another process scheduled, or a jump of the system clock, is never missed for long.
const MAX_PAUSE: u64 = 3_600;
/// The pause after a round the store failed.
const ERROR_PAUSE: u64 = 60;

/// What the handlers share with the scheduler task: a wake-up, and the rounds run so far (which
/// tests wait on).
#[derive(Debug)]
pub struct Schedule {
    wake: Notify,
    rounds: watch::Sender<Rounds>,
}

/// How many rounds have finished, and the clock's time when the last one began.
#[derive(Debug, Clone, Copy, Default)]
struct Rounds {
    count: u64,
    last_at: u64,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            wake: Notify::new(),
            rounds: watch::channel(Rounds::default()).0,
        }
    }
}

impl Schedule {
    /// A check-in was scheduled (or the clock moved): look again now. A wake with the task busy
    /// is kept for its next wait, so none is lost.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// How many rounds the task has finished.
    pub fn rounds(&self) -> u64 {
        self.rounds.borrow().count
    }

    /// Waits until the task has finished at least `count` rounds.
    pub async fn wait_rounds(&self, count: u64) {
        let mut rounds = self.rounds.subscribe();
        let _ = rounds.wait_for(|done| done.count >= count).await;
    }

    /// Waits until a round that began at clock time `at` or later has finished (a test sets the
    /// clock, wakes the task, and waits on this).
    pub async fn wait_round_at(&self, at: u64) {
        let mut rounds = self.rounds.subscribe();
        let _ = rounds.wait_for(|done| done.count > 0 && done.last_at >= at).await;
    }
}

impl crate::app::Wake for Schedule {
    fn wake(&self) {
        Schedule::wake(self);
    }
}

/// The running task. Dropping it stops the task at its next wait; [`SchedulerGuard::stop`] also
/// waits for a round in flight (its DM included) to finish.
pub struct SchedulerGuard {
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl SchedulerGuard {
    pub async fn stop(mut self) {
        self.stop.take();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// Starts the scheduler over `data`'s store and clock, sending DMs with `dms`.
pub fn spawn(data: Arc<Data>, dms: Dms) -> SchedulerGuard {
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(run(data, dms, stopped));
    SchedulerGuard {
        stop: Some(stop),
        task: Some(task),
    }
}

async fn run(data: Arc<Data>, dms: Dms, mut stopped: oneshot::Receiver<()>) {
    loop {
        let began = data.clock.now();
        let next = match round(&data, &dms).await {
            Ok(next) => next,
            Err(err) => {
                tracing::error!(error = %err, "the check-in scheduler could not read the store; trying again soon");
                Some(data.clock.now() + ERROR_PAUSE)
            }
        };
        data.schedule.rounds.send_modify(|done| {
            done.count += 1;
            done.last_at = began;
        });
        // A next time already past is one that came due during the round: go again at once.
        let pause = next.map_or(MAX_PAUSE, |at| at.saturating_sub(data.clock.now()).min(MAX_PAUSE));
        tokio::select! {
            _ = &mut stopped => return,
            () = tokio::time::sleep(Duration::from_secs(pause)) => {}
            () = data.schedule.wake.notified() => {}
        }
    }
}

/// One round: every check-in due now that this process wins, as a DM; then the next due time.
async fn round(data: &Data, dms: &Dms) -> Result<Option<u64>, StoreError> {
    let rules = CheckinRules::from_content(&data.content);
    let now = data.clock.now();
    let deliveries = reminders::run_round_async(&*data.store, now, &rules, is_discord, |reminder| {
        deliver(data, dms, reminder)
    })
    .await?;
    for delivery in deliveries {
        match delivery.result {
            Ok(()) => tracing::info!(due_at = delivery.due_at, "check-in sent"),
            Err(DmError::Closed) => {
                tracing::info!(
                    due_at = delivery.due_at,
                    "check-in not sent: DMs closed; the owner is told at /progress"
                );
                data.store
                    .update_checkins(&delivery.user, &mut |record| {
                        record.map(|mut record| {
                            record.dms_closed = Some(delivery.due_at);
                            record
                        })
                    })
                    .await?;
            }
            Err(reason) => tracing::warn!(due_at = delivery.due_at, %reason, "a check-in could not be sent"),
        }
    }
    // The earliest unclaimed entry of the due index that is the bot's to send. (The index is read
    // whole: fine for the bot's size today; a backend could answer this with one indexed read.)
    Ok(data
        .store
        .due(u64::MAX)
        .await?
        .iter()
        .filter(|(user, _)| is_discord(user))
        .map(|(_, at)| *at)
        .min())
}

/// Only Discord users' check-ins are the bot's to send: a terminal user's stay for `due`.
fn is_discord(user: &UserId) -> bool {
    discord_id(user).is_some()
}

fn discord_id(user: &UserId) -> Option<DiscordUserId> {
    user.0.strip_prefix("discord:")?.parse().ok()
}

async fn deliver(data: &Data, dms: &Dms, reminder: Reminder) -> Result<(), DmError> {
    let owner = discord_id(&reminder.user).ok_or_else(|| DmError::Failed("not a Discord user".to_owned()))?;
    let message = checkin_dm::message(&data.content, owner, &reminder.progress);
    dms.send(owner, &message).await
}
