//! The names of the groups figures are broken down by (departments, townships, cadres), and
//! who the assessment table lists.

use sqlx::PgConnection;
use std::collections::HashMap;

use super::{StoreError, map_err};

/// A roster table whose rows name groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roster {
    Departments,
    Townships,
    People,
}

/// Names by id from a roster table; ids with no row are left out.
pub async fn names(
    conn: &mut PgConnection,
    table: Roster,
    ids: Vec<i64>,
) -> Result<HashMap<i64, String>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = match table {
        Roster::Departments => "select id, name from departments where id = any($1)",
        Roster::Townships => "select id, name from townships where id = any($1)",
        Roster::People => "select id, name from people where id = any($1)",
    };
    let rows: Vec<(i64, String)> = sqlx::query_as(sql)
        .bind(ids)
        .fetch_all(conn)
        .await
        .map_err(map_err)?;
    Ok(rows.into_iter().collect())
}

/// The name of one row, when it exists.
pub async fn name_of(
    conn: &mut PgConnection,
    table: Roster,
    id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(names(conn, table, vec![id]).await?.remove(&id))
}

/// Every department, with its name, in id order.
pub async fn departments(conn: &mut PgConnection) -> Result<Vec<(i64, String)>, StoreError> {
    sqlx::query_as("select id, name from departments order by id")
        .fetch_all(conn)
        .await
        .map_err(map_err)
}

/// Every township, with its name, in id order.
pub async fn townships(conn: &mut PgConnection) -> Result<Vec<(i64, String)>, StoreError> {
    sqlx::query_as("select id, name from townships order by id")
        .fetch_all(conn)
        .await
        .map_err(map_err)
}

/// Every cadre, with their name, in id order.
pub async fn cadres(conn: &mut PgConnection) -> Result<Vec<(i64, String)>, StoreError> {
    sqlx::query_as("select id, name from people where 'cadre' = any(roles) order by id")
        .fetch_all(conn)
        .await
        .map_err(map_err)
}
