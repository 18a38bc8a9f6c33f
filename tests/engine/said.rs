//! Commands said in words, without the slash.

use super::*;

#[tokio::test]
async fn a_leader_asks_for_a_summary_in_words_and_gets_what_the_command_gives() {
    let w = World::new().await;
    w.report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    for (said, command_words) in [
        ("本月汇总", "本月"),
        ("汇总 上月", "上月"),
        ("上周的情况？", "上周"),
        ("汇总", ""),
    ] {
        let by_words = joined(&w.text(w.leader, said).await);
        let by_command = joined(&w.cmd(w.leader, "summary", command_words).await);
        assert_eq!(by_words, by_command, "{said}");
        assert!(
            by_words.contains(&t(ZH, "report-title")),
            "{said}: {by_words}"
        );
    }
    let by_words = joined(&w.text(w.leader, "考核 上月").await);
    assert_eq!(by_words, joined(&w.cmd(w.leader, "assess", "上月").await));
}

#[tokio::test]
async fn a_case_number_sent_alone_opens_the_case_for_those_who_may_see_it() {
    let w = World::new().await;
    let number = w
        .report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await;
    let by_number = joined(&w.text(w.officer, &number.to_lowercase()).await);
    assert_eq!(by_number, joined(&w.cmd(w.officer, "case", &number).await));
    assert!(by_number.contains("厂区门前道路破损"), "{by_number}");
}

#[tokio::test]
async fn a_cadre_says_what_to_do_and_a_problem_written_with_such_a_word_is_still_a_report() {
    let w = World::new().await;
    // Help says so.
    has(&w.cmd(w.cadre, "help", "").await, &t(ZH, "bot-help-said"));
    let by_words = w.text(w.cadre, "走访").await;
    assert_eq!(
        joined(&by_words),
        joined(&w.cmd(w.cadre, "visit", "").await)
    );
    // A word for a command the cadre may not use is no command: too short for a report, it
    // gets the hint.
    let out = w.text(w.cadre, "考核").await;
    assert_eq!(joined(&out), t(ZH, "bot-idle-hint"));
    // A problem that holds a command's word, or a word and something that is no period.
    for problem in ["企业反映汇总数据报送太多", "走访时企业反映用工难"] {
        let out = w.text(w.cadre, problem).await;
        assert_eq!(
            joined(&out),
            t(ZH, "bot-report-pick-enterprise-described"),
            "{problem}"
        );
        w.cmd(w.cadre, "cancel", "").await;
    }
}

#[tokio::test]
async fn cancel_said_in_words_leaves_a_flow_and_is_never_taken_as_its_answer() {
    let w = World::new().await;
    let number = w.return_asked().await;
    let out = w.text(w.officer, "取消").await;
    assert_eq!(joined(&out), t(ZH, "bot-cancelled"));
    assert_eq!(w.case(&number).await.1, "dispatched");
    // Other command words amid a flow are its answer, as before.
    let notes = w.outbox(w.officer, "case_dispatched").await;
    w.press(w.officer, &button(&notes, &t(ZH, "bot-op-return")))
        .await;
    w.text(w.officer, "走访").await;
    assert_eq!(w.case(&number).await.1, "returned");
    let reasons: i64 = w
        .count("select count(*) from case_events where kind = 'returned' and note = '走访'")
        .await;
    assert_eq!(reasons, 1);
}

#[tokio::test]
async fn a_message_that_mentions_a_command_among_other_words_is_pointed_to_it() {
    let w = World::new().await;
    let out = w.text(w.leader, "我想看一下本周的汇总情况").await;
    assert_eq!(
        joined(&out),
        tr(ZH, "bot-idle-meant", Args::new().str("command", "summary"))
    );
    let out = w.text(w.officer, "请问待办事项在哪里看").await;
    assert_eq!(
        joined(&out),
        tr(ZH, "bot-idle-meant", Args::new().str("command", "todo"))
    );
    // Nothing named: the hint, as before.
    let out = w.text(w.leader, "你好").await;
    assert_eq!(joined(&out), t(ZH, "bot-idle-hint"));
}
