# Unit heads hearing their cadres (/team), and townships (块)
role-township = Township
menus-note-township = You can read the cases of your township's enterprises and add notes; you are told when one is reported, turns red or is closed, and you get your township's summary every Monday.
menus-help-team = /team your department's cadres: visits, cases raised, confirmations pending, days silent, assessment rank (e.g. /team last-week)
menus-help-township = /township the open cases of your township's enterprises
bot-cmd-team = Your cadres' work
bot-cmd-township = Your township's cases
townships-import-no-township = a township leader or liaison needs a township
townships-scope = township: { $name }
townships-subject = Township
townships-assess-title = <b>Townships</b>
townships-team-title = 👥 <b>Cadres of { $departments }</b> ({ $from } to { $to })
townships-team-empty = The departments you head have no helping cadres.
townships-team-line = · { $name }: { $visits } visits · { $cases } cases raised · { $pending } to confirm with the enterprise · { $silent } · rank { $rank }
townships-team-silent = { $days ->
    [0] visited or reported today
    [one] 1 day without a visit or report
   *[other] { $days } days without a visit or report
}
townships-team-never = never visited or reported
townships-team-rank = { $rank } of { $of }
townships-no-township = Your account has no township yet; ask the administrator to fill it in on the roster.
townships-list-title = Open cases of <b>{ $township }</b> ({ $count }):
townships-list-empty = Your township's enterprises have no open cases.
townships-notify-reported = 📥 <b>New problem from an enterprise in your township</b>: { $number } (reported by { $actor })
townships-weekly =
    📊 <b>Weekly township summary</b>
    { $summary }
