//! Taking access away on the command line (the real binary): `zhuqi people deactivate|activate`,
//! `zhuqi accounts list|unbind`, `zhuqi invite revoke` and a new invite superseding the older,
//! each printing what it changed in the operator's language and leaving an audit row; and the
//! people file's in-post (在岗) column.

use super::*;
use support::world::County;
use zhuqi::i18n::{html_to_text, t};
use zhuqi::store::audit;

const ZH: &str = "zh-CN";

/// Runs `zhuqi ARGS` on the test database; (succeeded, stdout, stderr).
fn zhuqi(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    support::cli::zhuqi(&db.url, args)
}

fn text(key: &str, args: Args) -> String {
    html_to_text(&tr(ZH, key, args))
}

async fn audit_actions(pool: &PgPool) -> Vec<(String, String, String)> {
    let mut conn = pool.acquire().await.unwrap();
    audit::latest(&mut conn, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.source, e.action, e.subject))
        .collect()
}

async fn seed(pool: &PgPool) {
    County::new(pool)
        .township("T1", "马召镇")
        .cadre("C1", "王建国")
        .cadre("C2", "孙丽")
        .dispatcher("S1", "钱活动")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .account("C1", 7001)
        .account("S1", 7002)
        .build()
        .await;
}

#[tokio::test]
async fn people_deactivate_and_activate_print_what_changed_leave_audit_rows_and_refuse_a_bad_code()
{
    let db = TestDb::new().await;
    seed(&db.pool).await;
    let (ok, out, err) = zhuqi(&db, &["people", "deactivate", "C1", "--reason", "调岗"]);
    assert!(ok, "{err}");
    let args = || Args::new().str("name", "王建国").str("code", "C1");
    assert_eq!(
        out.trim(),
        text(
            "cli-people-deactivated",
            args()
                .num("notices", 0)
                .num("invites", 0)
                .num("accounts", 1)
        )
    );
    let (active, reason): (bool, Option<String>) =
        sqlx::query_as("select active, deactivation_reason from people where code = 'C1'")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    assert_eq!((active, reason.as_deref()), (false, Some("调岗")));
    let office: Vec<String> = sqlx::query_scalar(
        "select o.body->>'text' from outbox o join people p on p.id = o.recipient_id \
         where p.code = 'S1' and o.kind = 'access_withdrawn'",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(office.len(), 1);
    assert!(office[0].contains("秦岭猕猴桃合作社"), "{office:?}");

    let (ok, out, _) = zhuqi(&db, &["people", "deactivate", "C1"]);
    assert!(ok);
    assert_eq!(out.trim(), text("cli-people-already-inactive", args()));
    let (ok, _, err) = zhuqi(&db, &["chat", "--as", "C1"]);
    assert!(!ok, "a deactivated person cannot chat in the terminal");
    assert!(
        err.contains(&text("cli-chat-person-inactive", args())),
        "{err}"
    );
    let (ok, out, _) = zhuqi(&db, &["people", "activate", "C1"]);
    assert!(ok);
    assert_eq!(out.trim(), text("cli-people-activated", args()));

    let (ok, _, err) = zhuqi(&db, &["people", "deactivate", "NOBODY"]);
    assert!(!ok, "a bad code fails");
    assert!(
        err.contains(&text(
            "cli-invite-unknown-person",
            Args::new().str("person", "NOBODY")
        )),
        "{err}"
    );
    let actions = audit_actions(&db.pool).await;
    assert_eq!(
        actions,
        vec![
            ("cli".into(), "people activate".into(), "C1".into()),
            ("cli".into(), "people deactivate".into(), "C1".into()),
        ]
    );
}

#[tokio::test]
async fn accounts_list_shows_a_table_and_unbind_removes_one_account_or_all() {
    let db = TestDb::new().await;
    seed(&db.pool).await;
    support::world::bind_account(
        &db.pool,
        {
            let mut conn = db.pool.acquire().await.unwrap();
            zhuqi::store::people::by_code(&mut conn, "C1")
                .await
                .unwrap()
                .unwrap()
                .id
        },
        7003,
    )
    .await;
    let (ok, out, err) = zhuqi(&db, &["accounts", "list"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].contains(&t(ZH, "cli-accounts-col-username")),
        "{out}"
    );
    assert!(
        lines[1].contains("王建国 (C1)") && lines[1].contains("7001"),
        "{out}"
    );
    let (ok, out, _) = zhuqi(&db, &["accounts", "list", "S1"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 2, "{out}");

    let second: i64 = sqlx::query_scalar("select id from messenger_accounts where user_id = 7003")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let id = second.to_string();
    let (ok, out, err) = zhuqi(&db, &["accounts", "unbind", "C1", "--account", &id]);
    assert!(ok, "{err}");
    assert!(out.contains("7003") && !out.contains("7001"), "{out}");
    let (ok, _, err) = zhuqi(&db, &["accounts", "unbind", "C1", "--account", &id]);
    assert!(!ok);
    assert!(
        err.contains(&text(
            "cli-accounts-no-such-account",
            Args::new()
                .str("name", "王建国")
                .str("code", "C1")
                .num("account", second as f64)
        )),
        "{err}"
    );
    let (ok, out, _) = zhuqi(&db, &["accounts", "unbind", "C1"]);
    assert!(ok);
    assert!(out.contains("7001"), "{out}");
    let left: Vec<i64> =
        sqlx::query_scalar("select user_id from messenger_accounts order by user_id")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(left, vec![7002]);
    let withdrawn: Vec<(i64, String)> =
        sqlx::query_as("select user_id, reason from access_withdrawals order by user_id")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert_eq!(
        withdrawn,
        vec![(7001, "unbound".into()), (7003, "unbound".into())]
    );
    let unbinds = audit_actions(&db.pool)
        .await
        .into_iter()
        .filter(|(s, a, p)| s == "cli" && a == "accounts unbind" && p == "C1")
        .count();
    assert_eq!(unbinds, 2);
}

/// The invite code `zhuqi invite` printed (its first line names it).
fn printed_code(out: &str) -> String {
    let first = out.lines().next().unwrap_or_default();
    first
        .split(|c: char| !c.is_ascii_alphanumeric())
        .rfind(|w| {
            w.len() == 8
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_default()
        .to_string()
}

async fn invite_state(pool: &PgPool, code: &str) -> (bool, bool) {
    let (used, revoked): (Option<DateTime<Utc>>, Option<DateTime<Utc>>) =
        sqlx::query_as("select used_at, revoked_at from invites where code = $1")
            .bind(code)
            .fetch_one(pool)
            .await
            .unwrap();
    (used.is_some(), revoked.is_some())
}

#[tokio::test]
async fn a_new_invite_revokes_the_older_unless_keep_old_and_revoke_takes_a_code_back() {
    let db = TestDb::new().await;
    seed(&db.pool).await;
    let (ok, first, err) = zhuqi(&db, &["invite", "C2"]);
    assert!(ok, "{err}");
    let first = printed_code(&first);
    let (ok, out, _) = zhuqi(&db, &["invite", "C2", "--keep-old"]);
    assert!(ok);
    let second = printed_code(&out);
    assert_ne!(first, second);
    assert_eq!(invite_state(&db.pool, &first).await, (false, false));
    let (ok, out, _) = zhuqi(&db, &["invite", "C2"]);
    assert!(ok);
    let third = printed_code(&out);
    assert!(
        out.contains(&html_to_text(&tr(
            ZH,
            "cli-invite-superseded",
            Args::new()
                .num("count", 2)
                .str("codes", format!("{}…, {}…", &first[..3], &second[..3]))
        ))) || out.contains(&html_to_text(&tr(
            ZH,
            "cli-invite-superseded",
            Args::new()
                .num("count", 2)
                .str("codes", format!("{}…, {}…", &second[..3], &first[..3]))
        ))),
        "{out}"
    );
    assert_eq!(invite_state(&db.pool, &first).await, (false, true));
    assert_eq!(invite_state(&db.pool, &second).await, (false, true));
    assert_eq!(invite_state(&db.pool, &third).await, (false, false));

    let (ok, out, err) = zhuqi(&db, &["invite", "revoke", &third.to_lowercase()]);
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        text(
            "cli-invite-revoked",
            Args::new()
                .str("code", third.to_lowercase())
                .str("target", "C2")
        )
    );
    assert_eq!(invite_state(&db.pool, &third).await, (false, true));
    let (ok, _, err) = zhuqi(&db, &["invite", "revoke", &third]);
    assert!(!ok);
    assert!(
        err.contains(&text(
            "cli-invite-revoke-already",
            Args::new().str("code", &third)
        )),
        "{err}"
    );
    let (ok, _, err) = zhuqi(&db, &["invite", "revoke", "NOSUCH99"]);
    assert!(!ok);
    assert!(
        err.contains(&text(
            "cli-invite-revoke-unknown",
            Args::new().str("code", "NOSUCH99")
        )),
        "{err}"
    );
    // The department form still works as before.
    let (ok, _, err) = zhuqi(&db, &["invite", "--department", "NOPE"]);
    assert!(!ok);
    assert!(
        err.contains(&text(
            "cli-invite-unknown-department",
            Args::new().str("department", "NOPE")
        )),
        "{err}"
    );
    // No invite for someone deactivated.
    zhuqi(&db, &["people", "deactivate", "C2"]);
    let (ok, _, err) = zhuqi(&db, &["invite", "C2"]);
    assert!(!ok);
    assert!(
        err.contains(&text(
            "cli-invite-person-inactive",
            Args::new().str("person", "C2")
        )),
        "{err}"
    );
    let actions = audit_actions(&db.pool).await;
    assert!(actions.contains(&("cli".into(), "invite revoke".into(), "C2".into())));
    assert!(
        actions
            .iter()
            .filter(|(_, a, s)| a == "invite" && s == "C2")
            .count()
            >= 5,
        "three invites made and two superseded: {actions:?}"
    );
}

#[tokio::test]
async fn the_people_file_deactivates_and_activates_by_its_in_post_column() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let csv = |c1: &str, c2: &str| {
        format!("code,name,roles,active\nC1,王明远,助企干部,{c1}\nC2,李晓岚,cadre,{c2}\n")
    };
    let report = import_text(pool, ImportKind::People, &csv("是", ""))
        .await
        .unwrap();
    assert_eq!(report.inserted, 2);
    let active = || async {
        sqlx::query_as::<_, (String, bool)>("select code, active from people order by code")
            .fetch_all(pool)
            .await
            .unwrap()
    };
    assert_eq!(
        active().await,
        vec![("C1".into(), true), ("C2".into(), true)]
    );
    let report = import_text(pool, ImportKind::People, &csv("否", "yes"))
        .await
        .unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 1));
    assert_eq!(
        active().await,
        vec![("C1".into(), false), ("C2".into(), true)]
    );
    let again = import_text(pool, ImportKind::People, &csv("0", "1"))
        .await
        .unwrap();
    assert_eq!(again.unchanged, 2, "re-importing changes nothing");
    // Chinese header, and back in post.
    import_text(
        pool,
        ImportKind::People,
        "编码,姓名,角色,在岗\nC1,王明远,助企干部,true\n",
    )
    .await
    .unwrap();
    assert_eq!(
        active().await,
        vec![("C1".into(), true), ("C2".into(), true)]
    );

    let bad = import_text(pool, ImportKind::People, &csv("也许", "")).await;
    let Err(ImportError::BadRows(rows)) = bad else {
        panic!("{bad:?}");
    };
    assert_eq!(
        rows.iter()
            .map(|r| (r.line, r.problem.clone()))
            .collect::<Vec<_>>(),
        vec![(
            2,
            RowProblem::BadActive {
                value: "也许".into()
            }
        )]
    );
    assert!(rows[0].message("en").contains("也许"));
    let actions = audit_actions(pool).await;
    assert_eq!(
        actions,
        vec![
            ("cli".into(), "import people".into(), "C1".into()),
            ("cli".into(), "import people".into(), "C1".into()),
        ]
    );
}
