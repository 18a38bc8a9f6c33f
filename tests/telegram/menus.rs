//! Menus by role, cards with whom to call, the drill-down by township and by cadre, and
//! backdated visits, end to end through the fake Bot API.

use super::*;
use support::world::{self, Cast, County, Ids};
use zhuqi::cli::{self, ImportKind, Setup};
use zhuqi::clock::Clock;
use zhuqi::conversation::refusal;
use zhuqi::domain::commands::Command;
use zhuqi::domain::{CaseStatus, Category};

const ZH: &str = "zh-CN";

/// Two townships with an enterprise each, a cadre for each, a transport department with its
/// officer and a head with no role of their own, a finance department, a dispatcher and a
/// leader who reads English.
/// Accounts: cadre 4001, dispatcher 4002, leader 4003, head 4004, officer 4005, cadre 4006.
async fn seed(pool: &PgPool) -> Ids {
    let ids = County::new(pool)
        .township("T1", "马召镇")
        .township("T2", "楼观镇")
        .department("D1", "县交通运输局", &[Category::Transport])
        .department("D2", "县金融办", &[Category::Finance])
        .cadre("C1", "王建国")
        .cadre("C2", "陈明")
        .dispatcher("S1", "赵主任")
        .leader("L1", "刘县长")
        .person("H1", "吴局长", &[], None)
        .officer("O1", "李科长", "D1")
        .head("D1", "H1")
        .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
        .enterprise("E2", "楼观茶厂", "T2", "C2")
        .account("C1", 4001)
        .account("S1", 4002)
        .account("L1", 4003)
        .account("H1", 4004)
        .account("O1", 4005)
        .account("C2", 4006)
        .build()
        .await;
    sqlx::query("update people set locale = 'en' where id = $1")
        .bind(ids.id("L1"))
        .execute(pool)
        .await
        .unwrap();
    ids
}

fn names(menu: &[(String, String)]) -> Vec<&str> {
    menu.iter().map(|(n, _)| n.as_str()).collect()
}

fn description<'a>(menu: &'a [(String, String)], name: &str) -> &'a str {
    menu.iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| d.as_str())
        .unwrap_or_else(|| panic!("no /{name} in {menu:?}"))
}

async fn wait_menu(api: &FakeBotApi, chat: i64, what: &str, done: impl Fn(&[String]) -> bool) {
    api.wait_for(what, WAIT, |_| {
        api.chat_menu(chat).is_some_and(|m| {
            let names: Vec<String> = m.into_iter().map(|(n, _)| n).collect();
            done(&names)
        })
    })
    .await;
}

#[tokio::test]
async fn each_person_gets_the_commands_of_their_roles_in_their_language() {
    let db = TestDb::new().await;
    seed(&db.pool).await;
    let bot = TestBot::start(&db.pool).await;
    for chat in [4001, 4002, 4003, 4004, 4005, 4006] {
        wait_menu(&bot.api, chat, "a menu of its own", |_| true).await;
    }
    let cadre = bot.api.chat_menu(4001).unwrap();
    assert_eq!(
        names(&cadre),
        [
            "report",
            "my",
            "visit",
            "summary",
            "projects",
            "items",
            "cases_of_note",
            "case",
            "help",
            "lang",
            "channel",
            "cancel",
            "start"
        ]
    );
    assert_eq!(description(&cadre, "report"), t(ZH, "bot-cmd-report"));
    let dispatcher = bot.api.chat_menu(4002).unwrap();
    for name in ["queue", "overdue", "assess", "export"] {
        assert!(names(&dispatcher).contains(&name), "{dispatcher:?}");
    }
    assert!(!names(&dispatcher).contains(&"report"));
    // The leader reads English: their menu is in English.
    let leader = bot.api.chat_menu(4003).unwrap();
    assert_eq!(description(&leader, "overdue"), t("en", "bot-cmd-overdue"));
    assert!(!names(&leader).contains(&"queue"));
    assert!(names(&leader).contains(&"measures"), "{leader:?}");
    // A head with no role gets the departments' queue, overdue list and rectification items.
    let head = bot.api.chat_menu(4004).unwrap();
    assert_eq!(
        names(&head),
        [
            "todo",
            "overdue",
            "team",
            "items",
            "cases_of_note",
            "inspections",
            "case",
            "help",
            "lang",
            "channel",
            "cancel",
            "start"
        ]
    );
    // Everyone else (people not bound yet) has the minimal menu, in both languages.
    let defaults: Vec<_> = bot
        .api
        .calls_of("setmycommands")
        .into_iter()
        .filter(|c| c.body["scope"]["type"] == "default")
        .collect();
    assert_eq!(defaults.len(), 2);
    for call in &defaults {
        let names: Vec<&str> = call.body["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["command"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["start", "help"]);
    }

    // Switching language switches the menu.
    let cadre_user = bot.user(4001);
    bot.api.push_text(&cadre_user, "/lang en");
    bot.api
        .wait_for("the cadre's English menu", WAIT, |_| {
            bot.api
                .chat_menu(4001)
                .is_some_and(|m| description(&m, "report") == t("en", "bot-cmd-report"))
        })
        .await;

    // A roster import that makes a cadre an officer too queues their new menu; people whose
    // menu did not change get none.
    let before = bot.api.calls_of("setmycommands").len();
    let dir = std::env::temp_dir().join(format!("zhuqi-menus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("people.csv");
    std::fs::write(
        &file,
        "code,name,roles,phone,department,section,language,head_of,default_for\n\
         C2,陈明,助企干部;责任人,,D1,,,,\n",
    )
    .unwrap();
    let settings = Settings {
        database_url: Some(zhuqi::config::Secret::new(db.url.clone())),
        ..Settings::default()
    };
    let setup = Setup {
        settings,
        calendar: Arc::new(WorkCalendar::weekends_only()),
        clock: Clock::system(),
    };
    cli::run(
        cli::Command::Import {
            kind: ImportKind::People,
            file: file.clone(),
        },
        setup,
    )
    .await
    .expect("the import runs");
    bot.api
        .wait_for("the new officer's menu", WAIT, |calls| {
            calls.iter().filter(|c| c.method == "setmycommands").count() > before
        })
        .await;
    let menus_after: Vec<Option<i64>> = bot.api.calls_of("setmycommands")[before..]
        .iter()
        .map(|c| c.chat_id)
        .collect();
    assert_eq!(menus_after, [Some(4006)]);
    let officer = bot.api.chat_menu(4006).unwrap();
    assert!(names(&officer).contains(&"todo"), "{officer:?}");
    assert!(names(&officer).contains(&"visit"), "{officer:?}");
    std::fs::remove_dir_all(&dir).ok();
    bot.stop().await;
}

fn today() -> chrono::NaiveDate {
    zhuqi::reports::period::local_date(Settings::default().timezone, Utc::now())
}

async fn visits(pool: &PgPool, cadre: i64) -> Vec<(chrono::NaiveDate, bool)> {
    sqlx::query_as("select visited_on, no_problems from visits where cadre_id = $1 order by id")
        .bind(cadre)
        .fetch_all(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_visit_is_dated_up_to_a_week_back_and_never_in_the_future() {
    let db = TestDb::new().await;
    let ids = seed(&db.pool).await;
    let bot = TestBot::start(&db.pool).await;
    let cadre = bot.user(4001);
    let enterprise = "秦岭猕猴桃合作社";
    let when = tr(
        ZH,
        "menus-visit-when",
        Args::new().str("enterprise", enterprise),
    );

    // A zero report for yesterday, by the button.
    bot.api.push_text(&cadre, "/visit");
    bot.api
        .wait_for_text_containing(
            4001,
            &tr(
                ZH,
                "bot-visit-how",
                Args::new().str("enterprise", enterprise),
            ),
        )
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-visit-zero-report"));
    bot.api.wait_for_text_containing(4001, &when).await;
    bot.api.press(&cadre, &t(ZH, "menus-visit-yesterday"));
    let yesterday = today().pred_opt().unwrap();
    let recorded = tr(
        ZH,
        "menus-visit-recorded-zero-on",
        Args::new()
            .str("enterprise", enterprise)
            .str("date", yesterday.to_string()),
    );
    bot.api.wait_for_text_containing(4001, &recorded).await;
    assert_eq!(visits(&db.pool, ids.id("C1")).await, [(yesterday, true)]);

    // A visit typed as a date: the future and more than a week back are refused, clearly.
    bot.api.push_text(&cadre, "/visit");
    let how = tr(
        ZH,
        "bot-visit-how",
        Args::new().str("enterprise", enterprise),
    );
    bot.api
        .wait_for("the second visit's question", WAIT, |_| {
            bot.api.texts_to(4001).iter().filter(|t| **t == how).count() >= 2
        })
        .await;
    bot.api.press(&cadre, &t(ZH, "bot-visit-without-note"));
    bot.api
        .wait_for("the date question again", WAIT, |_| {
            bot.api
                .texts_to(4001)
                .iter()
                .filter(|t| t.contains(&when))
                .count()
                >= 2
        })
        .await;
    let from = today() - chrono::Duration::days(7);
    let args = |date: chrono::NaiveDate| {
        Args::new()
            .str("date", date.to_string())
            .str("from", from.to_string())
            .str("to", today().to_string())
            .num("days", 7)
    };
    let tomorrow = today().succ_opt().unwrap();
    bot.api.push_text(&cadre, "明天");
    bot.api
        .wait_for_text(4001, &tr(ZH, "menus-visit-date-future", args(tomorrow)))
        .await;
    let long_ago = today() - chrono::Duration::days(10);
    bot.api.push_text(&cadre, &long_ago.to_string());
    bot.api
        .wait_for_text(4001, &tr(ZH, "menus-visit-date-too-old", args(long_ago)))
        .await;
    bot.api.push_text(&cadre, "前天");
    let before_yesterday = today() - chrono::Duration::days(2);
    let recorded = tr(
        ZH,
        "menus-visit-recorded-on",
        Args::new()
            .str("enterprise", enterprise)
            .str("date", before_yesterday.to_string()),
    );
    bot.api.wait_for_text_containing(4001, &recorded).await;
    assert_eq!(
        visits(&db.pool, ids.id("C1")).await,
        [(yesterday, true), (before_yesterday, false)]
    );
    bot.stop().await;
}

fn cast(ids: &Ids, cadre: &str) -> Cast {
    Cast {
        cadre: ids.id(cadre),
        dispatcher: ids.id("S1"),
        officer: ids.id("O1"),
        department: ids.id("D1"),
    }
}

#[tokio::test]
async fn the_summary_drills_down_by_township_and_by_cadre_to_the_cases() {
    let db = TestDb::new().await;
    let ids = seed(&db.pool).await;
    let in_t1 = world::case_in(
        &db.pool,
        cast(&ids, "C1"),
        ids.id("E1"),
        CaseStatus::Dispatched,
    )
    .await;
    let in_t2 = world::case_in(
        &db.pool,
        cast(&ids, "C2"),
        ids.id("E2"),
        CaseStatus::Accepted,
    )
    .await;
    let bot = TestBot::start(&db.pool).await;
    let dispatcher = bot.user(4002);
    let cases_button = t(ZH, "report-drill-cases");

    bot.api.push_text(&dispatcher, "/summary");
    bot.api
        .wait_for_text_containing(4002, &t(ZH, "report-title"))
        .await;
    bot.api
        .press(&dispatcher, &t(ZH, "menus-drill-by-township"));
    bot.api
        .wait_for("a button for 马召镇", WAIT, |_| {
            bot.api.has_button(4002, "马召镇")
        })
        .await;
    bot.api.press(&dispatcher, "马召镇");
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(
                ZH,
                "report-filter-township",
                Args::new().str("name", "马召镇"),
            ),
        )
        .await;
    bot.api.press(&dispatcher, &cases_button);
    let list = bot.api.wait_for_text_containing(4002, &in_t1.number).await;
    assert!(!list.contains(&in_t2.number), "{list}");

    // Up, then by cadre: 陈明's enterprise's case alone.
    bot.api.press(&dispatcher, &t(ZH, "bot-summary-back"));
    bot.api
        .wait_for("the way up", WAIT, |_| {
            bot.api.has_button(4002, &t(ZH, "report-drill-up"))
        })
        .await;
    bot.api.press(&dispatcher, &t(ZH, "report-drill-up"));
    bot.api
        .wait_for("the top again", WAIT, |_| {
            bot.api.has_button(4002, &t(ZH, "menus-drill-by-cadre"))
        })
        .await;
    bot.api.press(&dispatcher, &t(ZH, "menus-drill-by-cadre"));
    bot.api
        .wait_for("a button for 陈明", WAIT, |_| {
            bot.api.has_button(4002, "陈明")
        })
        .await;
    bot.api.press(&dispatcher, "陈明");
    bot.api
        .wait_for_text_containing(
            4002,
            &tr(ZH, "report-filter-cadre", Args::new().str("name", "陈明")),
        )
        .await;
    bot.api.press(&dispatcher, &cases_button);
    bot.api
        .wait_for("陈明's case list", WAIT, |_| {
            bot.api
                .texts_to(4002)
                .iter()
                .any(|t| t.contains(&in_t2.number) && !t.contains(&in_t1.number))
        })
        .await;
    bot.stop().await;
}

#[tokio::test]
async fn a_head_without_the_officer_role_gets_the_queue_and_a_card_with_whom_to_call() {
    let db = TestDb::new().await;
    let ids = seed(&db.pool).await;
    sqlx::query("update enterprises set contact_name = '张经理', contact_phone = '138-0000 0001' where id = $1")
        .bind(ids.id("E1"))
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query("update people set phone = '13900000002' where id = $1")
        .bind(ids.id("C1"))
        .execute(&db.pool)
        .await
        .unwrap();
    let case = world::case_in(
        &db.pool,
        cast(&ids, "C1"),
        ids.id("E1"),
        CaseStatus::Dispatched,
    )
    .await;
    let bot = TestBot::start(&db.pool).await;
    let head = bot.user(4004);

    bot.api.push_text(&head, "/todo");
    bot.api.wait_for_text_containing(4004, &case.number).await;
    bot.api.press(&head, &case.number);
    let card = bot
        .api
        .wait_for_text_containing(
            4004,
            &tr(ZH, "menus-card-contact", Args::new().html("who", "张经理")),
        )
        .await;
    assert!(
        card.contains("张经理 · <a href=\"tel:13800000001\">138-0000 0001</a>"),
        "{card}"
    );
    assert!(
        card.contains("王建国 · <a href=\"tel:13900000002\">13900000002</a>"),
        "{card}"
    );
    // The head is not an officer: no sign-for button on the card, and /queue is not theirs.
    assert!(!bot.api.has_button(4004, &t(ZH, "bot-op-accept")));
    bot.api.push_text(&head, "/queue");
    bot.api
        .wait_for_text(4004, &refusal(ZH, Command::Queue))
        .await;
    bot.stop().await;
}
