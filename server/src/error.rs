//! The one error of the server's desks. A person is told only an `AppError`:
//! a refusal they can act on as it is, or "unavailable" for anything that
//! failed inside, whose cause goes to the log and nowhere else.
use app::error::AppError;
use sea_orm::DbErr;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("password hashing failed")]
    Hash,
    #[error("could not serialise: {0}")]
    Json(#[from] serde_json::Error),
    /// Something the code relies on did not hold.
    #[error("{0}")]
    Invariant(&'static str),
    /// A refusal the person is told as it is (sign in first, not allowed, busy).
    #[error("refused: {0}")]
    Refused(#[from] AppError),
}

impl From<DeskError> for AppError {
    fn from(error: DeskError) -> Self {
        match error {
            DeskError::Refused(refusal) => refusal,
            cause => {
                tracing::error!(%cause, "request failed");
                AppError::Unavailable
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_told_a_refusal_as_it_is_and_nothing_of_a_failure() {
        assert_eq!(AppError::from(DeskError::Refused(AppError::Forbidden)), AppError::Forbidden);
        assert_eq!(AppError::from(DeskError::Refused(AppError::Busy)), AppError::Busy);
        assert_eq!(AppError::from(DeskError::Db(DbErr::Custom("disk full".into()))), AppError::Unavailable);
        assert_eq!(AppError::from(DeskError::Invariant("broken")), AppError::Unavailable);
    }
}
