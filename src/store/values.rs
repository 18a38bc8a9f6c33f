//! A statement's parameters gathered in order, for the writers that bind a whole record the same
//! way on insert and on update.

use sqlx::error::BoxDynError;
use sqlx::postgres::PgArguments;
use sqlx::{Arguments, Encode, Postgres, Type};

use super::StoreError;

/// Parameters `$1, $2, …` in the order they are added. A value the driver cannot encode is kept
/// and comes back from `into_args` as the driver's error.
#[derive(Default)]
pub struct Values {
    args: PgArguments,
    error: Option<BoxDynError>,
}

impl Values {
    /// Parameters starting with `first` as `$1`.
    pub(crate) fn of<'t, T: Encode<'t, Postgres> + Type<Postgres>>(first: T) -> Self {
        Values::default().with(first)
    }

    /// Adds the next parameter.
    pub(crate) fn with<'t, T: Encode<'t, Postgres> + Type<Postgres>>(mut self, value: T) -> Self {
        if self.error.is_none()
            && let Err(e) = self.args.add(value)
        {
            self.error = Some(e);
        }
        self
    }

    /// The parameters, for `sqlx::query_with` and its kin.
    pub(crate) fn into_args(self) -> Result<PgArguments, StoreError> {
        match self.error {
            Some(e) => Err(StoreError::Db(sqlx::Error::Encode(e))),
            None => Ok(self.args),
        }
    }
}
