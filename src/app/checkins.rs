//! Check-ins on, off, snoozed and logged: the steps `/checkins`, its buttons and the terminal's
//! `checkins` and `checkin` share. Each returns what happened; the front says it.

use crate::advisor::checkin::{Checkin, CheckinRecord, CheckinRules, Every, NoPlan, Part, Plan, PlanInputs};
use crate::advisor::content::Outcome;
use crate::store::{StoreError, UserId};

use super::App;

/// What asking for check-ins led to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TurnedOn {
    /// On, from the advice's failure point (merged into the record when switched back on).
    On(CheckinRecord),
    /// The advice spends nothing to check in against: its outcome (None when it needs more).
    NoSpend(Option<Outcome>),
    /// The answers lack parts of a failure point.
    NoPlan(Vec<Part>),
    /// The store kept no record (a store that writes nothing).
    NotSaved,
}

/// What stopping, snoozing or logging found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found<T> {
    Done(T),
    /// No check-ins were ever set up for this user.
    NotSetUp,
}

/// Where a snooze left the check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Snoozed {
    /// The next check-in, at this time.
    Until(u64),
    /// Set up but turned off: nothing to snooze.
    NotOn,
}

impl App<'_> {
    fn rules(&self) -> CheckinRules {
        CheckinRules::from_content(self.content)
    }

    /// Applies `change` to `user`'s check-in record, when there is one, in the store's one step;
    /// hands back the record as saved (None: never set up).
    async fn change_record(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(&mut CheckinRecord) + Send),
    ) -> Result<Option<CheckinRecord>, StoreError> {
        self.store
            .update_checkins(user, &mut |record| {
                record.map(|mut record| {
                    change(&mut record);
                    record
                })
            })
            .await
    }

    /// Turns check-ins on for `user` from their advice's failure point, every `every`. Switched
    /// back on, the rule is taken afresh from the answers (they may have set their own parts
    /// since), counted from the same start; the log stays.
    pub(crate) async fn checkins_on(&self, user: &UserId, every: Every) -> Result<TurnedOn, StoreError> {
        let now = self.clock.now();
        let rules = self.rules();
        let (interview, advice) = self.session().advice(user).await?;
        if !interview.answers.is_empty() && !advice.outcome.is_some_and(|o| PlanInputs::applies_to(self.content, o)) {
            return Ok(TurnedOn::NoSpend(advice.outcome));
        }
        let plan = match PlanInputs::from_advice(&advice).plan(now) {
            Ok(plan) => plan,
            Err(NoPlan { missing }) => return Ok(TurnedOn::NoPlan(missing)),
        };
        let saved = self
            .store
            .update_checkins(user, &mut |record| {
                Some(match record {
                    Some(mut record) => {
                        record.plan = Plan {
                            started: record.plan.started,
                            ..plan.clone()
                        };
                        record.turn_on(every, now, &rules);
                        record
                    }
                    None => CheckinRecord::start(plan.clone(), every, now, &rules),
                })
            })
            .await?;
        Ok(match saved {
            Some(record) => {
                self.wake.wake();
                TurnedOn::On(record)
            }
            None => TurnedOn::NotSaved,
        })
    }

    /// Turns check-ins off: nothing more is due; the plan and the log stay until `forget`.
    pub(crate) async fn checkins_off(&self, user: &UserId) -> Result<Found<()>, StoreError> {
        let saved = self.change_record(user, &mut CheckinRecord::turn_off).await?;
        Ok(if saved.is_some() {
            Found::Done(())
        } else {
            Found::NotSetUp
        })
    }

    /// Moves the next check-in a snooze (data/checkins.toml) from now.
    pub(crate) async fn snooze(&self, user: &UserId) -> Result<Found<Snoozed>, StoreError> {
        let now = self.clock.now();
        let rules = self.rules();
        let saved = self
            .change_record(user, &mut |record| record.snooze(now, &rules))
            .await?;
        Ok(match saved {
            None => Found::NotSetUp,
            Some(record) => match record.next_due.filter(|_| record.on) {
                Some(next) => {
                    self.wake.wake();
                    Found::Done(Snoozed::Until(next))
                }
                None => Found::Done(Snoozed::NotOn),
            },
        })
    }

    /// Logs `checkin` (its values already read) and hands back the record it is now part of.
    pub(crate) async fn log_checkin(
        &self,
        user: &UserId,
        checkin: Checkin,
    ) -> Result<Found<CheckinRecord>, StoreError> {
        let rules = self.rules();
        let saved = self
            .change_record(user, &mut |record| record.log(checkin.clone(), &rules))
            .await?;
        Ok(match saved {
            Some(record) => {
                self.wake.wake();
                Found::Done(record)
            }
            None => Found::NotSetUp,
        })
    }
}
