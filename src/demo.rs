//! A fictional county for trying the bot: clearly marked demo data.
//!
//! A small stand-in for the full demo set (155 enterprises, about 40 cadres, months of cases):
//! enough people and routes to walk a case from report to closure in the console.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::config::Settings;

pub async fn cli(_settings: Settings) -> anyhow::Result<()> {
    anyhow::bail!("demo: in progress")
}

/// Whether the ledger already holds any people (demo or real): then nothing is seeded.
pub async fn is_seeded(pool: &PgPool) -> anyhow::Result<bool> {
    Ok(sqlx::query_scalar("select exists(select 1 from people)")
        .fetch_one(pool)
        .await?)
}

/// Seeds a tiny fictional county, every row marked `is_demo`.
pub async fn seed(pool: &PgPool, _settings: &Settings, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    let township: i64 = sqlx::query_scalar(
        "insert into townships (code, name, is_demo, created_at) values ('DEMO-T1', '马召镇（演示）', true, $1) returning id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let mut departments = Vec::new();
    for (code, name) in [
        ("DEMO-D1", "县发展和改革局（演示）"),
        ("DEMO-D2", "县交通运输局（演示）"),
        ("DEMO-D3", "县金融工作办公室（演示）"),
    ] {
        let id: i64 = sqlx::query_scalar(
            "insert into departments (code, name, is_demo, created_at) values ($1, $2, true, $3) returning id",
        )
        .bind(code)
        .bind(name)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        departments.push(id);
    }
    let person = |code: &'static str,
                  name: &'static str,
                  roles: &'static [&'static str],
                  dept: Option<i64>| {
        sqlx::query_scalar::<_, i64>(
            "insert into people (code, name, roles, department_id, is_demo, created_at) \
             values ($1, $2, $3, $4, true, $5) returning id",
        )
        .bind(code)
        .bind(name)
        .bind(roles.iter().map(|r| r.to_string()).collect::<Vec<_>>())
        .bind(dept)
        .bind(now)
    };
    let cadre = person("C001", "王建国", &["cadre"], None)
        .fetch_one(&mut *tx)
        .await?;
    person("S001", "赵主任", &["dispatcher"], None)
        .fetch_one(&mut *tx)
        .await?;
    person("L001", "刘县长", &["leader"], None)
        .fetch_one(&mut *tx)
        .await?;
    let mut officers = Vec::new();
    for (i, (code, name)) in [("O001", "周科长"), ("O002", "李科长"), ("O003", "孙科长")]
        .into_iter()
        .enumerate()
    {
        officers.push(
            person(code, name, &["officer"], Some(departments[i]))
                .fetch_one(&mut *tx)
                .await?,
        );
    }
    for (dept, officer) in departments.iter().zip(&officers) {
        sqlx::query("update departments set head_id = $2, default_assignee_id = $2 where id = $1")
            .bind(dept)
            .bind(officer)
            .execute(&mut *tx)
            .await?;
    }
    for (category, dept) in [
        ("key_project", 0),
        ("industry", 0),
        ("commerce", 0),
        ("construction", 0),
        ("tourism", 0),
        ("technology", 0),
        ("culture", 0),
        ("transport", 1),
        ("finance", 2),
    ] {
        sqlx::query("insert into category_routes (category, department_id) values ($1, $2)")
            .bind(category)
            .bind(departments[dept])
            .execute(&mut *tx)
            .await?;
    }
    for (code, name) in [
        ("DEMO-E1", "秦岭猕猴桃专业合作社（演示）"),
        ("DEMO-E2", "宏达机械制造有限公司（演示）"),
    ] {
        sqlx::query(
            "insert into enterprises (code, name, township_id, cadre_id, is_demo, created_at) \
             values ($1, $2, $3, $4, true, $5)",
        )
        .bind(code)
        .bind(name)
        .bind(township)
        .bind(cadre)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
