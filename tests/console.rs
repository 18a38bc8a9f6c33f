//! The console transport driven through its input and output streams: one person walks a case
//! from report to closure by switching personas, as a newcomer would.

/// The part of the tests' support these tests need: a fresh database and the world builder.
#[allow(dead_code)]
mod support {
    pub mod db;
    pub mod world;
}

use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

use support::db::TestDb;
use support::world::County;
use zhuqi::app::{Terminal as AppTerminal, Transport};
use zhuqi::clock::Clock;
use zhuqi::config::Settings;
use zhuqi::conversation::Engine;
use zhuqi::domain::Category;
use zhuqi::domain::WorkCalendar;
use zhuqi::i18n::{Args, html_to_text, t, tr};

const ZH: &str = "zh-CN";

/// The test's end of a console session.
struct Terminal {
    keyboard: DuplexStream,
    screen: DuplexStream,
    seen: Vec<u8>,
    /// The session's clock: half a minute passes with every line typed.
    clock: Clock,
}

impl Terminal {
    /// Everything printed up to the next prompt.
    async fn read_to_prompt(&mut self) -> String {
        let mut chunk = [0u8; 4096];
        loop {
            let text = String::from_utf8_lossy(&self.seen).to_string();
            if text.ends_with("> ") {
                self.seen.clear();
                return text;
            }
            let n = tokio::time::timeout(Duration::from_secs(20), self.screen.read(&mut chunk))
                .await
                .unwrap_or_else(|_| panic!("no prompt after: {text}"))
                .unwrap();
            if n == 0 {
                self.seen.clear();
                return text;
            }
            self.seen.extend_from_slice(&chunk[..n]);
        }
    }

    async fn type_line(&mut self, line: &str) -> String {
        self.clock.advance(chrono::Duration::seconds(30));
        self.keyboard
            .write_all(format!("{line}\n").as_bytes())
            .await
            .unwrap();
        self.read_to_prompt().await
    }

    /// Presses the numbered choice labelled `label` on the last screen.
    async fn choose(&mut self, screen: &str, label: &str) -> String {
        let label = html_to_text(label);
        let number = screen
            .lines()
            .find_map(|l| {
                let l = l.trim_start();
                let (n, rest) = l.strip_prefix('[')?.split_once("] ")?;
                (rest == label).then(|| n.to_string())
            })
            .unwrap_or_else(|| panic!("no choice {label:?} in:\n{screen}"));
        self.type_line(&number).await
    }
}

fn contains(screen: &str, html: &str) {
    let text = html_to_text(html);
    assert!(screen.contains(&text), "expected {text:?} in:\n{screen}");
}

async fn seed(db: &TestDb) {
    County::new(&db.pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵主任")
        .officer("O1", "李科长", "D1")
        .leader("L1", "刘县长")
        .default_assignee("D1", "O1")
        .head("D1", "O1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
}

fn start(pool: sqlx::PgPool, person: &'static str) -> (Terminal, tokio::task::JoinHandle<()>) {
    let (keyboard, session_in) = tokio::io::duplex(64 * 1024);
    let (session_out, screen) = tokio::io::duplex(1024 * 1024);
    let start: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
    let clock = Clock::manual(start);
    // Started the way `zhuqi chat` starts it: the app on a terminal transport.
    let transport = Transport::Console {
        person: person.to_string(),
        terminal: AppTerminal {
            input: Box::new(BufReader::new(session_in)),
            output: Box::new(session_out),
        },
    };
    let session_clock = clock.clone();
    let task = tokio::spawn(async move {
        zhuqi::app::launch(
            pool,
            Arc::new(Settings::default()),
            Arc::new(WorkCalendar::weekends_only()),
            session_clock,
            transport,
            std::future::pending(),
        )
        .await
        .unwrap();
    });
    (
        Terminal {
            keyboard,
            screen,
            seen: Vec::new(),
            clock,
        },
        task,
    )
}

#[tokio::test]
async fn a_newcomer_walks_a_case_from_report_to_closure_in_the_console() {
    let db = TestDb::new().await;
    seed(&db).await;
    let (mut term, task) = start(db.pool.clone(), "C1");
    let screen = term.read_to_prompt().await;
    contains(&screen, &t(ZH, "console-welcome"));
    assert!(
        screen.contains("王建国") && screen.ends_with("王建国> "),
        "{screen}"
    );

    // The cadre reports: one enterprise, so the bot asks for the description straight away.
    let screen = term.type_line("/report").await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-report-describe",
            Args::new()
                .str("enterprise", "秦岭猕猴桃合作社")
                .num("limit", 2000),
        ),
    );
    let screen = term.type_line("厂区门前道路破损，货车进出困难").await;
    let transport = t(ZH, "category-transport");
    let category_screen = screen.clone();
    let screen = term.type_line(":photo 路面照片").await;
    contains(
        &screen,
        &tr(ZH, "bot-report-file-kept", Args::new().num("count", 1)),
    );
    let screen = term
        .choose(
            &category_screen,
            &tr(
                ZH,
                "bot-report-category-accept",
                Args::new().str("category", &transport),
            ),
        )
        .await;
    let difficulty = tr(
        ZH,
        "bot-difficulty-choice",
        Args::new()
            .str("difficulty", t(ZH, "difficulty-moderate"))
            .num("days", 10),
    );
    let screen = term.choose(&screen, &difficulty).await;
    let screen = term.choose(&screen, &t(ZH, "bot-report-submit")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-report-done",
            Args::new().str("number", "ZZ-2026-0001"),
        ),
    );
    contains(
        &screen,
        &tr(
            ZH,
            "console-waiting",
            Args::new()
                .num("count", 1)
                .str("name", "赵主任")
                .str("code", "S1"),
        ),
    );

    // The dispatcher sees the new case as a notification and dispatches it.
    let screen = term.type_line(":as S1").await;
    contains(&screen, &t(ZH, "console-notice"));
    contains(
        &screen,
        &tr(
            ZH,
            "bot-notify-reported",
            Args::new()
                .str("number", "ZZ-2026-0001")
                .str("actor", "王建国"),
        ),
    );
    let screen = term.choose(&screen, &t(ZH, "bot-dispatch-confirm")).await;
    contains(&screen, "县交通运输局");

    // The officer signs for it and resolves it.
    let screen = term.type_line(":as O1").await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-notify-dispatched",
            Args::new().str("number", "ZZ-2026-0001"),
        ),
    );
    let screen = term.choose(&screen, &t(ZH, "bot-op-accept")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "console-answer",
            Args::new().str(
                "text",
                tr(
                    ZH,
                    "bot-accepted",
                    Args::new().str("number", "ZZ-2026-0001"),
                ),
            ),
        ),
    );
    let screen = term.choose(&screen, &t(ZH, "bot-op-resolve")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", "ZZ-2026-0001").num("limit", 2000),
        ),
    );
    let screen = term.type_line("道路已修复，货车可正常通行").await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-resolved",
            Args::new().str("number", "ZZ-2026-0001"),
        ),
    );

    // The cadre confirms with the enterprise: satisfied, and the case is closed.
    let screen = term.type_line(":as C1").await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-notify-resolved",
            Args::new()
                .str("number", "ZZ-2026-0001")
                .str("answer", "道路已修复，货车可正常通行"),
        ),
    );
    let screen = term.choose(&screen, &t(ZH, "bot-op-satisfied")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-closed",
            Args::new()
                .str("number", "ZZ-2026-0001")
                .str("satisfaction", t(ZH, "satisfaction-satisfied")),
        ),
    );

    // Persona commands, and leaving.
    let screen = term.type_line(":who").await;
    contains(&screen, &t(ZH, "console-who-title"));
    assert!(screen.contains("L1 · 刘县长"), "{screen}");
    let screen = term.type_line(":as NOBODY").await;
    contains(
        &screen,
        &tr(
            ZH,
            "console-unknown-person",
            Args::new().str("person", "NOBODY"),
        ),
    );
    let screen = term.type_line(":frob").await;
    contains(&screen, &t(ZH, "console-unknown-meta"));
    let screen = term.type_line(":quit").await;
    contains(&screen, &t(ZH, "console-bye"));
    task.await.unwrap();

    let (status, files): (String, i64) = sqlx::query_as(
        "select c.status, (select count(*) from attachments a where a.case_id = c.id) from cases c",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), files), ("closed", 1));
    // Everything shown on the terminal is sent; the officer has not looked since closure.
    let unsent: Vec<(String, String)> = sqlx::query_as(
        "select p.code, o.kind from outbox o join people p on p.id = o.recipient_id \
         where o.status <> 'sent' order by o.id",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert_eq!(unsent, vec![("O1".to_string(), "case_closed".to_string())]);
}

/// A whole session as `person` on `input`; what it printed.
async fn session(db: &TestDb, person: &str, input: &[u8]) -> String {
    let engine = Engine::new(
        Arc::new(Settings::default()),
        Arc::new(WorkCalendar::weekends_only()),
    );
    let mut out = Vec::new();
    zhuqi::console::run_session(&engine, &db.pool, input, &mut out, person, &Clock::system())
        .await
        .unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn the_console_refuses_an_unknown_person_and_ends_with_its_input() {
    let db = TestDb::new().await;
    seed(&db).await;
    let engine = Engine::new(
        Arc::new(Settings::default()),
        Arc::new(WorkCalendar::weekends_only()),
    );
    let clock = Clock::system();
    let mut out = Vec::new();
    let err = zhuqi::console::run_session(&engine, &db.pool, &b""[..], &mut out, "NOBODY", &clock)
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        zhuqi::console::ConsoleError::UnknownPerson(_)
    ));
    // Input that ends without :quit ends the session; a number with no choices is plain text.
    let screen = session(&db, "S1", b"7\n/help\n").await;
    contains(&screen, &t(ZH, "bot-idle-hint"));
    contains(&screen, &t(ZH, "menus-help-queue"));
    contains(&screen, &t(ZH, "console-bye"));
}

#[tokio::test]
async fn a_line_that_is_not_text_is_refused_and_the_session_goes_on() {
    let db = TestDb::new().await;
    seed(&db).await;
    // Bytes that are not UTF-8, a line with a Windows line ending, a last line with none.
    let screen = session(&db, "S1", b"\xff\xfe \xe5\n/help\r\n:quit").await;
    contains(&screen, &t(ZH, "console-not-utf8"));
    contains(&screen, &t(ZH, "menus-help-queue"));
    contains(&screen, &t(ZH, "console-bye"));
}

#[tokio::test]
async fn channel_tells_a_person_with_no_messenger_account_that_they_have_none() {
    let db = TestDb::new().await;
    seed(&db).await;
    let screen = session(&db, "S1", b"/channel\n/channel wecom\n").await;
    let none = t(ZH, "channel-no-accounts");
    let current = tr(
        ZH,
        "channel-current",
        Args::new()
            .str("channel", t(ZH, "channel-auto"))
            .str("available", &none),
    );
    contains(&screen, &current);
    let unknown = tr(
        ZH,
        "channel-unknown",
        Args::new().str("value", "wecom").str("available", &none),
    );
    contains(&screen, &unknown);
    assert!(!screen.contains("账号：。"), "{screen}");
}

#[tokio::test]
async fn when_the_database_goes_away_the_console_says_nothing_was_saved() {
    let db = TestDb::new().await;
    seed(&db).await;
    let pool = zhuqi::store::connect_url(&db.url, 2).await.unwrap();
    let (mut term, task) = start(pool.clone(), "C1");
    term.read_to_prompt().await;
    pool.close().await;
    let screen = term.type_line("厂区门前道路破损，货车进出困难").await;
    contains(&screen, &t(ZH, "error-db-unavailable"));
    let screen = term.type_line(":as S1").await;
    contains(&screen, &t(ZH, "error-db-unavailable"));
    let screen = term.type_line(":quit").await;
    contains(&screen, &t(ZH, "console-bye"));
    task.await.unwrap();
}

#[tokio::test]
async fn an_officer_handles_a_case_for_the_enterprise_and_resolves_it_once_the_document_is_back_in_the_console()
 {
    let db = TestDb::new().await;
    let ids = County::new(&db.pool)
        .township("T1", "马召镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .cadre("C1", "王建国")
        .dispatcher("S1", "赵主任")
        .officer("O1", "李科长", "D1")
        .default_assignee("D1", "O1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .build()
        .await;
    let cast = support::world::Cast {
        cadre: ids.id("C1"),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    };
    let case = support::world::case_in(
        &db.pool,
        cast,
        ids.id("E1"),
        zhuqi::domain::CaseStatus::Accepted,
    )
    .await;
    let number = case.number.clone();
    let (mut term, task) = start(db.pool.clone(), "O1");
    term.read_to_prompt().await;

    // 代办, and the enterprise's licence taken in.
    let screen = term.type_line(&format!("/case {number}")).await;
    let screen = term.choose(&screen, &t(ZH, "modes-op-menu")).await;
    let screen = term.choose(&screen, &t(ZH, "modes-mode-handle")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "modes-card-mode",
            Args::new().str("mode", t(ZH, "modes-mode-handle")),
        ),
    );
    let screen = term.choose(&screen, &t(ZH, "modes-op-menu")).await;
    term.choose(&screen, &t(ZH, "modes-op-receive")).await;
    term.type_line("营业执照副本原件").await;

    // 🏁 lists the document out; the card shows it unchecked.
    let card = term.type_line(&format!("/case {number}")).await;
    let screen = term.choose(&card, &t(ZH, "bot-op-resolve")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "modes-resolve-documents-out",
            Args::new()
                .num("count", 1)
                .str("documents", "营业执照副本原件"),
        ),
    );

    // Given back, then resolved.
    let screen = term.choose(&card, &t(ZH, "modes-op-menu")).await;
    let give_back = tr(
        ZH,
        "modes-op-return",
        Args::new().str("name", "营业执照副本原件"),
    );
    let screen = term.choose(&screen, &give_back).await;
    assert!(screen.contains('☑'), "{screen}");
    let screen = term.choose(&screen, &t(ZH, "bot-op-resolve")).await;
    contains(
        &screen,
        &tr(
            ZH,
            "bot-ask-resolve",
            Args::new().str("number", &number).num("limit", 2000),
        ),
    );
    term.type_line("已代办完成，营业执照已退还企业").await;
    term.type_line(":quit").await;
    task.await.unwrap();
    let status: String = sqlx::query_scalar("select status from cases where id = $1")
        .bind(case.id)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(status, "resolved");
}

#[tokio::test]
async fn a_report_left_unsubmitted_goes_on_in_the_next_session_with_its_choices_numbered_anew() {
    let db = TestDb::new().await;
    seed(&db).await;
    let first = session(
        &db,
        "C1",
        "厂区门前道路破损，货车进出困难\n:quit\n".as_bytes(),
    )
    .await;
    contains(&first, &t(ZH, "bot-report-category-other"));
    assert!(!first.contains(&html_to_text(&t(ZH, "console-unfinished-report"))));
    // The next session shows the draft's question again: its first choice is a number that
    // works, not words added to the description.
    let second = session(&db, "C1", b"1\n").await;
    contains(&second, &t(ZH, "console-unfinished-report"));
    contains(&second, &t(ZH, "bot-report-category-other"));
    contains(&second, &t(ZH, "bot-report-difficulty"));
    let description: String = sqlx::query_scalar(
        "select state->>'description' from conversations where transport = 'console'",
    )
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!(description, "厂区门前道路破损，货车进出困难");
    // Nothing unfinished, nothing said.
    let third = session(&db, "S1", b"").await;
    assert!(!third.contains("↩"), "{third}");
}
