//! What is stored about a user, shown, handed over or deleted: the history of assessments, the
//! export (everything as JSON, or the answers as CSV, the brief questions' with them) and forget.
//! Both fronts call these, so "export" or "forget" means the same thing in a terminal and in
//! Discord, and a record added later (the brief's answers, issue 31) is handed over and deleted
//! by both at once.

use crate::app::App;
use crate::store::{Assessment, StoreError, UserId};

impl App<'_> {
    /// The user's completed assessments, oldest first.
    pub(crate) async fn history(&self, user: &UserId) -> Result<Vec<Assessment>, StoreError> {
        Ok(self.store.load(user).await?.assessments)
    }

    /// Everything stored about the user, as the store lists it (JSON).
    pub(crate) async fn export(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        self.store.export(user).await
    }

    /// The user's answers as CSV, one row per question (see [`crate::answers_csv`]).
    pub(crate) async fn export_csv(&self, user: &UserId) -> Result<String, StoreError> {
        let interview = self.store.interview(user).await?;
        Ok(crate::answers_csv::answers_csv(self.content, interview.as_ref()))
    }

    /// Deletes every record of the user; how many there were.
    pub(crate) async fn forget(&self, user: &UserId) -> Result<usize, StoreError> {
        self.store.forget(user).await
    }
}
