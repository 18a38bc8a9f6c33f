//! Approval items through Telegram and the fake Bot API: `/items` found, paged and opened, not
//! found; and an officer linking a held case to an item found by typed words, so that its
//! steps become the case's roadmap.

use super::*;
use indicatif::ProgressBar;
use support::world;
use zhuqi::cli::ImportKind;
use zhuqi::domain::CaseStatus;

const ZH: &str = "zh-CN";

/// A cadre (4001) and an officer (4003) of the transport bureau, which has two sections and
/// seven permits in its catalogue; a case of the enterprise signed for by the officer.
async fn seed(pool: &PgPool) -> String {
    let ids = support::world::transport_county(pool)
        .account("C1", 4001)
        .account("O1", 4003)
        .build()
        .await;
    let mut csv = String::from(
        "事项编码,事项名称,部门,科室,法定时限,承诺时限,申请材料,关键词,环节,环节时限,责任人\n\
         JT-001,公路超限运输许可,D1,sp,20,10,超限运输申请表；车辆行驶证,超限运输,受理,1,O1\n\
         JT-001,,,,,,,,审查,5,O1\n",
    );
    for (n, name) in [
        "涉路施工许可",
        "道路运输经营许可",
        "客运班线许可",
        "出租汽车经营许可",
        "驾驶员培训许可",
        "危险货物运输许可",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("JT-10{n},{name},D1,gl,20,15,申请书,,受理,2,O1\n"));
    }
    let at = Utc::now();
    for (kind, text) in [
        (
            ImportKind::Departments,
            "code,name,sections\nD1,县交通运输局,sp=行政审批科;gl=公路科\n".to_string(),
        ),
        (ImportKind::ApprovalItems, csv),
    ] {
        zhuqi::roster::import(pool, kind, text.as_bytes(), at, &ProgressBar::hidden(), 0)
            .await
            .unwrap();
    }
    let cast = ids.cast();
    world::case_in(pool, cast, ids.id("E1"), CaseStatus::Accepted)
        .await
        .number
}

#[tokio::test]
async fn items_are_searched_paged_and_opened_and_an_officer_links_a_case_to_one_through_telegram() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let number = seed(pool).await;
    let bot = TestBot::start(pool).await;
    let (cadre, officer) = (bot.user(4001), bot.user(4003));
    let title = |page: i32| {
        tr(
            ZH,
            "items-title",
            Args::new()
                .str("words", "许可")
                .num("total", 7)
                .num("page", page)
                .num("pages", 2),
        )
    };

    // Found, the next page, an item opened.
    bot.api.push_text(&cadre, "/items 许可");
    bot.api.wait_for_text_containing(4001, &title(1)).await;
    wait_button(&bot.api, 4001, &t(ZH, "items-next")).await;
    bot.api.press(&cadre, &t(ZH, "items-next"));
    let edited = title(2);
    bot.api
        .wait_for(&edited.clone(), WAIT, |calls| {
            calls.iter().any(|c| {
                c.method == "editmessagetext"
                    && c.text.as_deref().is_some_and(|t| t.contains(&edited))
            })
        })
        .await;
    wait_button(&bot.api, 4001, "7. 危险货物运输许可").await;
    bot.api.press(&cadre, "7. 危险货物运输许可");
    let detail = bot
        .api
        .wait_for_text_containing(4001, "📋 <b>危险货物运输许可</b>")
        .await;
    assert!(
        detail.contains("申请书") && detail.contains("李科长"),
        "{detail}"
    );

    // Not found.
    bot.api.push_text(&cadre, "/items 火箭");
    bot.api
        .wait_for_text_containing(
            4001,
            &tr(ZH, "items-not-found", Args::new().str("words", "火箭")),
        )
        .await;

    // The officer finds the item by words from the case card and links the case to it.
    bot.api.push_text(&officer, &format!("/case {number}"));
    wait_button(&bot.api, 4003, &t(ZH, "items-op-link")).await;
    bot.api.press(&officer, &t(ZH, "items-op-link"));
    wait_button(&bot.api, 4003, &t(ZH, "items-link-search")).await;
    bot.api.press(&officer, &t(ZH, "items-link-search"));
    bot.api
        .wait_for_text_containing(
            4003,
            &tr(
                ZH,
                "items-link-ask-words",
                Args::new().str("number", &number),
            ),
        )
        .await;
    bot.api.push_text(&officer, "超限");
    wait_button(&bot.api, 4003, "📋 公路超限运输许可").await;
    bot.api.press(&officer, "📋 公路超限运输许可");
    bot.api
        .wait_for_text_containing(4003, &format!("{number} 已关联审批事项“公路超限运输许可”"))
        .await;
    let steps: Vec<String> = sqlx::query_scalar(
        "select m.title from milestones m join cases c on c.id = m.case_id \
         where c.number = $1 order by m.due_on",
    )
    .bind(&number)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        steps,
        ["受理 · 行政审批科 李科长", "审查 · 行政审批科 李科长"]
    );
    bot.stop().await;
}
