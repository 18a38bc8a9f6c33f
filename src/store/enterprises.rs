//! Enterprises and project units as the bot shows them.

use sqlx::PgConnection;

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EnterpriseRow {
    pub id: i64,
    pub name: String,
    pub township_name: String,
    pub cadre_id: Option<i64>,
}

const SELECT: &str = "select e.id, e.name, t.name as township_name, e.cadre_id \
     from enterprises e join townships t on t.id = e.township_id";

/// The enterprises paired with a cadre, by name.
pub async fn of_cadre(
    conn: &mut PgConnection,
    cadre_id: i64,
) -> Result<Vec<EnterpriseRow>, StoreError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where e.cadre_id = $1 order by e.name, e.id"
    )))
    .bind(cadre_id)
    .fetch_all(conn)
    .await?)
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<EnterpriseRow>, StoreError> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where e.id = $1")))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}
