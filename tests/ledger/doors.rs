//! The doors around the ledger: `zhuqi groups list` and `zhuqi groups unbind` (the real binary,
//! audited), and the CSV export writing would-be formulas as text.

use super::*;
use support::world::County;
use zhuqi::i18n::html_to_text;
use zhuqi::reports::{PeriodSpec, Request};
use zhuqi::reports::{Scope, export_csv_bytes};
use zhuqi::store::departments;

const ZH: &str = "zh-CN";

/// Runs the `zhuqi` binary on the test database; returns (success, stdout, stderr).
fn zhuqi(db: &TestDb, args: &[&str]) -> (bool, String, String) {
    support::cli::zhuqi(&db.url, args)
}

fn zh(key: &str, args: Args) -> String {
    html_to_text(&tr(ZH, key, args))
}

async fn bound_chats(pool: &PgPool) -> Vec<i64> {
    sqlx::query_scalar("select chat_id from group_chats where unbound_at is null order by chat_id")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn groups_are_listed_and_unbound_by_chat_or_department_from_the_command_line_and_audited() {
    let db = TestDb::new().await;
    let ids = County::new(&db.pool)
        .department("D1", "县交通运输局", &[])
        .department("D2", "县水利局", &[])
        .build()
        .await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = Utc::now();
    for (chat, department, title) in [
        (-5001, "D1", "交通局工作群"),
        (-5002, "D1", "交通局值班群"),
        (-5003, "D2", "水利局工作群"),
    ] {
        departments::bind_group(
            &mut conn,
            "telegram",
            chat,
            ids.id(department),
            Some(title),
            now,
        )
        .await
        .unwrap();
    }
    drop(conn);

    let (ok, out, err) = zhuqi(&db, &["groups", "list"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        zh("cli-groups-count", Args::new().num("count", 3.0))
    );
    assert_eq!(lines.len(), 4, "{out}");
    for (line, chat, title) in [
        (lines[1], "-5002", "交通局值班群"),
        (lines[2], "-5001", "交通局工作群"),
        (lines[3], "-5003", "水利局工作群"),
    ] {
        assert!(line.contains(chat) && line.contains(title), "{line}");
        assert!(
            line.contains(&zh("cli-groups-reachable", Args::new())),
            "{line}"
        );
    }

    // One chat, by its id (negative, as group ids are).
    let (ok, out, err) = zhuqi(&db, &["groups", "unbind", "-5001"]);
    assert!(ok, "{err}");
    assert!(out.starts_with(&zh("cli-groups-unbound", Args::new().num("count", 1.0))));
    assert!(
        out.contains("-5001") && out.contains("交通局工作群"),
        "{out}"
    );
    assert_eq!(bound_chats(&db.pool).await, [-5003, -5002]);

    // Every group of a department, by its code.
    let (ok, out, _) = zhuqi(&db, &["groups", "unbind", "D1"]);
    assert!(ok);
    assert!(out.contains("-5002") && !out.contains("-5001"), "{out}");
    assert_eq!(bound_chats(&db.pool).await, [-5003]);

    // Nothing left to unbind is said, and changes nothing; a target that is neither a
    // department nor a chat id is refused.
    let (ok, out, _) = zhuqi(&db, &["groups", "unbind", "D1"]);
    assert!(ok);
    assert_eq!(
        out.trim_end(),
        zh("cli-groups-nothing-bound", Args::new().str("target", "D1"))
    );
    let (ok, _, err) = zhuqi(&db, &["groups", "unbind", "no-such"]);
    assert!(!ok);
    assert!(
        err.contains(&zh(
            "cli-groups-unknown-target",
            Args::new().str("target", "no-such")
        )),
        "{err}"
    );

    let audit: Vec<(Option<i64>, String, String, String, String)> = sqlx::query_as(
        "select actor_person_id, source, action, subject, detail from audit_log order by id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(audit.len(), 2, "{audit:?}");
    assert_eq!(
        (
            &audit[0].0,
            audit[0].1.as_str(),
            audit[0].2.as_str(),
            audit[0].3.as_str()
        ),
        (&None, "cli", "groups unbind", "-5001")
    );
    assert!(audit[0].4.contains("D1"), "{}", audit[0].4);
    assert_eq!((audit[1].1.as_str(), audit[1].3.as_str()), ("cli", "D1"));
    assert!(audit[1].4.contains("-5002"), "{}", audit[1].4);

    let (ok, out, _) = zhuqi(&db, &["groups", "list"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 2);
    assert!(out.contains("-5003"));
}

#[tokio::test]
async fn the_csv_ledger_writes_cells_that_would_be_formulas_as_text() {
    let db = TestDb::new().await;
    let ids = County::new(&db.pool)
        .township("T1", "马召镇")
        .cadre("C1", "王建国")
        .enterprise("E1", "@秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
    let formula = "=HYPERLINK(\"http://example.org\",\"点我\")";
    for description in [formula, "+86 电话打不通", "-厂区道路破损", "正常的描述"] {
        support::world::case(
            &db.pool,
            ids.id("C1"),
            ids.id("E1"),
            Category::Transport,
            description,
            &[],
        )
        .await;
    }
    let mut conn = db.pool.acquire().await.unwrap();
    let settings = Settings::default();
    let bytes = export_csv_bytes(
        &mut conn,
        &Request::new(
            Scope::County,
            PeriodSpec::ThisMonth,
            d("2026-12-01"),
            &settings,
            &WorkCalendar::default(),
        ),
        ZH,
    )
    .await
    .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let descriptions: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    for expected in [
        format!("'{formula}"),
        "'+86 电话打不通".to_string(),
        "'-厂区道路破损".to_string(),
        "正常的描述".to_string(),
    ] {
        assert!(
            descriptions.contains(&expected.as_str()),
            "{descriptions:?}"
        );
    }
    // The enterprise's name too: every cell is checked, not only the description.
    assert!(rows.iter().all(|r| &r[1] == "'@秦岭猕猴桃合作社"));
    // Nothing in the file starts a formula any more.
    for r in &rows {
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell:?}");
            assert!(
                !cell.starts_with('-') || cell.parse::<f64>().is_ok(),
                "{cell:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_command_line_says_why_it_cannot_reach_the_database_and_who_is_not_on_the_roster() {
    // Nothing listens on port 1: the operator is told to check DATABASE_URL, with the cause.
    let (ok, _, err) = support::cli::zhuqi("postgres://postgres@127.0.0.1:1/nowhere", &["summary"]);
    assert!(!ok);
    let unreachable = zh("cli-db-unreachable", Args::new());
    assert!(
        err.contains(&zh("cli-error", Args::new().str("error", &unreachable))),
        "{err}"
    );
    assert!(
        err.contains("Connection refused"),
        "the cause is named: {err}"
    );
    assert_eq!(err.matches("Connection refused").count(), 1, "once: {err}");
    assert!(!err.contains("pool timed out"), "{err}");

    // A database that does not exist: PostgreSQL's words, without the line of its source code.
    let server = support::db::server_url();
    let nowhere = support::db::with_database(&server, "zhuqi_no_such_database");
    let (ok, _, err) = support::cli::zhuqi(&nowhere, &["summary"]);
    assert!(!ok);
    assert!(err.contains("zhuqi_no_such_database"), "{err}");
    assert!(!err.contains(" at line "), "{err}");

    // `zhuqi chat --as` someone who is not on the roster: refused in the operator's language.
    let db = TestDb::new().await;
    let (ok, _, err) = zhuqi(&db, &["chat", "--as", "nobody"]);
    assert!(!ok);
    assert!(
        err.contains(&zh(
            "cli-invite-unknown-person",
            Args::new().str("person", "nobody")
        )),
        "{err}"
    );
}

#[tokio::test]
async fn a_file_the_command_line_cannot_read_or_write_is_named_with_the_reason_in_its_language() {
    let db = TestDb::new().await;
    let missing = std::env::temp_dir().join(format!("zhuqi-no-such-dir-{}", std::process::id()));
    let target = missing.join("ledger.xlsx");
    let target_text = target.display().to_string();
    let (ok, _, err) = zhuqi(&db, &["export", "-o", &target_text]);
    assert!(!ok);
    let said = zh("cli-export-failed", Args::new().str("file", &target_text));
    assert!(
        err.contains(&zh("cli-error", Args::new().str("error", &said))),
        "{err}"
    );
    assert!(
        err.contains(&zh(
            "cli-cause",
            Args::new().str("cause", zh("io-not-found", Args::new()))
        )),
        "{err}"
    );
    assert!(
        !err.contains("os error"),
        "the reason in the operator's language, once: {err}"
    );

    // A directory given as the file to import.
    let dir = std::env::temp_dir().display().to_string();
    let (ok, _, err) = zhuqi(&db, &["import", "people", &dir]);
    assert!(!ok);
    let said = zh(
        "import-file-unreadable",
        Args::new()
            .str("file", &dir)
            .str("reason", zh("io-is-a-directory", Args::new())),
    );
    assert!(err.contains(&said), "{err}");
}

#[tokio::test]
async fn a_bot_given_a_telegram_address_that_is_no_url_says_so_in_the_operators_language() {
    let db = TestDb::new().await;
    // (Telegram that cannot be reached yet is waited for: tests/telegram/start.rs.)
    let env = [
        ("TELOXIDE_TOKEN", "123:abc"),
        ("TELOXIDE_API_URL", "not a url"),
    ];
    let (ok, _, err) = support::cli::zhuqi_with(&db.url, &["run"], &env);
    assert!(!ok);
    assert!(
        err.contains(&zh("start-bad-url", Args::new().str("url", "not a url"))),
        "{err}"
    );
}

#[tokio::test]
async fn a_command_line_that_cannot_be_read_is_answered_in_the_operators_language() {
    let db = TestDb::new().await;
    let (ok, out, err) = zhuqi(&db, &["import", "towns", "roster.csv"]);
    assert!(!ok && out.is_empty());
    let said = zh(
        "cli-usage-invalid-value",
        Args::new().str("value", "towns").str("arg", "<KIND>").str(
            "valid",
            "townships, departments, people, enterprises, projects, approval-items",
        ),
    );
    assert!(
        err.contains(&zh("cli-error", Args::new().str("error", &said))),
        "{err}"
    );
    assert!(
        err.contains("“townships”") && err.contains("zhuqi import --help"),
        "{err}"
    );
    assert!(!err.contains("invalid value"), "not clap's English: {err}");

    // An operator whose settings say English is answered in English.
    let dir = std::env::temp_dir().join(format!("zhuqi-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("zhuqi.toml");
    std::fs::write(&config, "default_locale = \"en\"\n").unwrap();
    let config = config.display().to_string();
    let env = [("ZHUQI_CONFIG", config.as_str())];
    let (ok, _, err) = support::cli::zhuqi_with(&db.url, &["summary", "--period"], &env);
    assert!(!ok);
    let said = tr(
        "en",
        "cli-usage-missing-value",
        Args::new().str("arg", "--period <PERIOD>"),
    );
    assert!(err.contains(&html_to_text(&said)), "{err}");
    assert!(err.contains("zhuqi summary --help"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();

    // A category the county does not have: the nine it has are named.
    let (ok, _, err) = zhuqi(&db, &["summary", "--category", "roads"]);
    assert!(!ok);
    assert!(
        err.contains("“roads”") && err.contains("construction (建筑)") && err.contains("finance"),
        "{err}"
    );

    // Help is help: printed whole, to standard output, and the command succeeds.
    let (ok, out, _) = zhuqi(&db, &["import", "--help"]);
    assert!(ok && out.contains("<KIND>"), "{out}");
}

#[tokio::test]
async fn a_missing_calendar_file_is_warned_of_and_the_command_goes_on_with_weekends_only() {
    let db = TestDb::new().await;
    let env = [
        ("ZHUQI_CALENDAR", "config/no-such-calendar.txt"),
        ("RUST_LOG", "warn"),
    ];
    let (ok, out, err) = support::cli::zhuqi_with(&db.url, &["summary"], &env);
    assert!(ok, "{err}");
    assert!(!out.is_empty());
    assert!(
        err.contains("no working-day calendar file") && err.contains("no-such-calendar.txt"),
        "{err}"
    );
    // The shipped calendar is found, and nothing is said.
    let (ok, _, err) = support::cli::zhuqi_with(&db.url, &["summary"], &[("RUST_LOG", "warn")]);
    assert!(ok && !err.contains("calendar"), "{err}");
}

#[tokio::test]
async fn the_command_line_s_help_is_in_the_operators_language() {
    let db = TestDb::new().await;
    for asked in [
        &["--help"][..],
        &["help"],
        &["help", "summary"],
        &["summary", "-h"],
    ] {
        let (ok, out, _) = zhuqi(&db, asked);
        assert!(ok, "{asked:?}");
        assert!(
            out.contains(&zh("cli-help-usage", Args::new())),
            "{asked:?}: {out}"
        );
        for english in ["Usage", "Options", "Print help"] {
            assert!(!out.contains(english), "{asked:?}: {out}");
        }
    }
    let (_, out, _) = zhuqi(&db, &["help", "summary"]);
    assert!(
        out.contains(&zh("cli-help-summary--period", Args::new())),
        "{out}"
    );
    let (ok, _, err) = zhuqi(&db, &["help", "nosuch"]);
    assert!(!ok);
    assert!(
        err.contains(&zh(
            "cli-usage-unknown-command",
            Args::new().str("command", "nosuch")
        )),
        "{err}"
    );
}
