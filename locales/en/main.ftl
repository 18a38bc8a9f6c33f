# Shared terms: categories, difficulty, statuses, roles, satisfaction, common errors.
test-echo = echo: { $text }

category-key_project = Key project
category-industry = Industry
category-commerce = Commerce and trade
category-construction = Construction
category-tourism = Tourism
category-technology = Science and technology
category-transport = Transport
category-culture = Culture
category-finance = Finance

difficulty-simple = Simple
difficulty-moderate = Moderate
difficulty-hard = Hard
difficulty-major = Major

status-reported = Awaiting dispatch
status-info_requested = More detail requested
status-dispatched = Dispatched, awaiting sign-for
status-accepted = Signed for
status-in_progress = In progress
status-resolved = Resolved, awaiting confirmation
status-closed = Closed
status-returned = Returned, awaiting re-dispatch

role-cadre = Helping cadre
role-officer = Department officer
role-dispatcher = Campaign office
role-leader = Leader
role-admin = Administrator

satisfaction-satisfied = Satisfied
satisfaction-basically_satisfied = Basically satisfied
satisfaction-unsatisfied = Unsatisfied

event-reported = Reported
event-info_requested = More detail requested
event-info_supplied = Detail supplied
event-dispatched = Dispatched
event-accepted = Signed for
event-returned = Returned
event-progress = Progress
event-resolved = Resolved
event-closed = Confirmed and closed
event-reopened = Unsatisfied, reopened
event-supervised = Supervision order
event-note = Note
event-milestone_added = Roadmap step
event-milestone_done = Roadmap step done
event-attachment = Attachment
event-reminder = Reminder

error-role-not-allowed = Your role does not allow this.
error-out-of-scope = This is outside your responsibilities.
error-wrong-status = The case is “{ $status }” now; this cannot be done.
error-note-required = Please write the reason or the details.
error-internal = Sorry, something went wrong and it has been logged. Please try again later.
error-db-unavailable = The database cannot be reached right now: your message was NOT saved. Please send it again in a few minutes.

calendar-days-left = { $days ->
    [0] due today
    [one] 1 working day left
   *[other] { $days } working days left
}
calendar-days-overdue = { $days ->
    [one] overdue by 1 working day
   *[other] overdue by { $days } working days
}

cli-migrated = The database is up to date ({ $count } migrations applied).

# Roster import (zhuqi import)
import-kind-townships = Townships
import-kind-departments = Departments
import-kind-people = People
import-kind-enterprises = Enterprises and project units
import-done = { $kind } imported: { $rows } rows, { $inserted } new, { $updated } updated, { $unchanged } unchanged.
import-failed = { $count } problems found; nothing was imported. Fix them and import the whole file again.
import-failed-store = Writing to the database failed; nothing was imported.
import-row-error = Line { $line }: { $reason }
import-file-unreadable = Cannot read the file { $file }: { $reason }
import-file-not-utf8 = The file is neither UTF-8 nor GBK (line { $line }). In Excel, use "Save as CSV UTF-8 (comma delimited)", then import again.
import-read-as-gbk = The file is not UTF-8: it was read as GBK (what Excel saves as CSV on Chinese Windows).
import-file-workbook = This is an old (.xls) or encrypted Excel workbook, which cannot be read as it is. In Excel, save it as "Excel Workbook (.xlsx)" or "CSV UTF-8 (comma delimited)", then import again.
import-file-workbook-unreadable = This Excel workbook (.xlsx) cannot be read; the file may be damaged. In Excel, use "Save as CSV UTF-8 (comma delimited)", then import again.
import-file-workbook-uncomputed = Cell { $cell } of the workbook holds a formula saved without its computed value (as files written by a program and never opened in Excel do). Open and save it in Excel or WPS, or save it as "CSV UTF-8 (comma delimited)", then import it again.
import-read-sheet = Read the workbook's first sheet, “{ $sheet }”.
import-file-empty = The file is empty; its first line must be the header.
import-file-malformed = Line { $line } is not valid CSV (check that quotes are paired).
import-file-unknown-column = The column "{ $column }" is not known. The README lists the columns of each file.
import-file-duplicate-column = The column "{ $column }" appears twice.
import-file-missing-column = The required column "{ $column }" is missing.
import-file-too-many-cells = Line { $line } has { $found } cells, but the header has only { $expected } columns.
import-error-missing = "{ $column }" must not be empty
import-error-bad-code = the code "{ $value }" is not valid (one word without spaces, at most 64 characters)
import-error-too-long = "{ $column }" is too long (at most { $max } characters)
import-error-duplicate-code = the code "{ $code }" appears twice in this file (first on line { $first })
import-error-unknown-township = there is no township with the code "{ $code }"; import the townships first
import-error-unknown-department = there is no department with the code "{ $code }"; import the departments first
import-error-unknown-person = there is no person with the code "{ $code }"; import the people first
import-error-unknown-section = the department "{ $department }" has no section "{ $section }"; list it in the departments file first
import-error-section-without-department = the section "{ $section }" is given without a department
import-error-bad-section = the section "{ $value }" is not written as "CODE=name" or just a name
import-error-bad-role = the role "{ $value }" is not known (use cadre, officer, dispatcher, leader, admin, or their Chinese names)
import-error-no-roles = at least one role is needed
import-error-bad-phone = the phone number "{ $value }" is not valid (7 to 15 digits, with optional spaces, dashes, parentheses and a leading +)
import-error-bad-language = the language "{ $value }" is not known (use zh-CN or en)
import-error-bad-kind = the kind "{ $value }" is not known (use enterprise or project)
import-error-bad-category = the category "{ $value }" is not known (the nine: key_project, industry, commerce, construction, tourism, technology, transport, culture, finance)
import-error-category-twice = the category "{ $category }" already goes to another department on line { $first }
import-error-not-a-cadre = the person "{ $code }" does not hold the cadre role and cannot be paired with an enterprise
import-error-officer-without-department = a department officer needs a department
import-error-not-officer-of = "{ $person }" is not an officer of the department "{ $department }" and cannot be its default assignee
import-error-assigned-twice = the department "{ $department }" was already assigned on line { $first }

# Invite codes (zhuqi invite)
cli-invite-code = Invite code: { $code }
cli-invite-for-person = This code is for { $name } ({ $target }) to bind their account. It works once and is valid until { $expires }. They send the bot: /start { $code }
cli-invite-for-department = This code is for the group chat of { $name } ({ $target }). It works once and is valid until { $expires }. Add the bot to the group, then send there: /bind { $code }
cli-invite-unknown-person = There is no person with the code or id "{ $person }" on the roster.
cli-db-unreachable = Cannot connect to the PostgreSQL database. Check that DATABASE_URL is right and that the server is running.
cli-db-migrate-failed = Could not bring the database schema up to date (a migration failed). See the cause below.
cli-error = Error: { $error }
cli-usage-invalid-value = "{ $value }" is not a value { $arg } takes. It takes: { $valid }.
cli-usage-missing-value = { $arg } needs a value after it.
cli-usage-bad-value = "{ $value }" cannot be used as { $arg }.
cli-usage-unknown-command = There is no command "{ $command }".
cli-usage-unknown-arg = "{ $arg }" is not an option here.
cli-usage-missing-arg = Missing: { $arg }.
cli-usage-missing-command = Say what to do after zhuqi (a command).
cli-usage-conflict = { $arg } cannot be used with { $other }.
cli-usage-extra-value = "{ $value }" is one value too many.
cli-usage-unreadable = This command line cannot be read.
cli-usage-did-you-mean = Did you mean { $suggested }?
cli-usage-line = Usage: { $usage }
cli-usage-help = For what it takes, see: { $command } --help
cli-usage-quoted = "{ $text }"
cli-usage-or = { " or " }
cli-cause = Cause: { $cause }
cli-settings-unreadable = Cannot read the settings (config/zhuqi.toml or the file ZHUQI_CONFIG names, and the environment).
cli-calendar-unreadable = Cannot read the working-day calendar (config/calendar.txt or the file ZHUQI_CALENDAR names: holidays and make-up working days).
cli-invite-unknown-department = There is no department with the code "{ $department }".
cli-invite-bad-days = An invite is valid for 1 to { $max } days.

# Demo data (zhuqi demo)
cli-demo-seeded = Demo data created: { $townships } townships, { $departments } departments, { $people } people, { $enterprises } enterprises and project units, { $cases } cases, { $visits } visits.
cli-demo-status = { $status }: { $count }
cli-demo-already = The demo data is already in the database; nothing was added.
cli-demo-refused = The database already holds a real roster, so no demo data was added, to keep the two apart. Try the demo on an empty database.
cli-demo-note = This county is fictional: the names of people and enterprises and the phone numbers are made up, and enterprise names carry "（演示）" (demo).
cli-demo-hints = No invite needed: try the console as one of these (zhuqi chat --as CODE):
cli-demo-hint = { $role }: { $code } ({ $name })
error-db-unavailable-queued = The database cannot be reached right now, so your message is not saved yet. It will be handled automatically when the connection returns: please do not send it again.

cli-summary-failed = Cannot compute the summary.
cli-chart-failed = Cannot draw the chart.
cli-assess-failed = Cannot compute the assessment table.
cli-inspection-report-failed = Cannot gather the inspection report.
cli-workbook-failed = Cannot make the spreadsheet.
cli-file-unwritable = Cannot write the file { $file }.
cli-export-failed = Cannot export the ledger to { $file }.
cli-files-zip-failed = Cannot pack the case files into { $file }.
cli-demo-failed = Cannot seed the demo data.
cli-nobody-to-chat-as = The roster has no active cadre, dispatcher, officer, leader or township person to chat as: import a roster with zhuqi import people, or name someone with zhuqi chat --as CODE.
io-not-found = no such file or directory
io-permission-denied = permission denied
io-already-exists = the file already exists
io-is-a-directory = it is a directory, not a file
io-not-a-directory = a part of the path is not a directory
io-storage-full = the disk is full
io-read-only = the file system is read-only
cli-console-failed = The console session as { $person } stopped.
start-telegram-no-token = No Telegram bot token is set (TELOXIDE_TOKEN).
start-bad-url = { $url } is not a valid URL.
start-telegram-waiting = Telegram cannot be reached yet (getMe); trying again shortly. Check TELOXIDE_API_URL and the network.
start-telegram-token-refused = Telegram does not accept this bot token (getMe): check TELOXIDE_TOKEN and TELOXIDE_API_URL.
start-db-waiting = The PostgreSQL database cannot be reached yet; trying again shortly. Check DATABASE_URL and that the server is running.
start-telegram-set-webhook = Cannot register the webhook with Telegram (setWebhook).
start-webhook-stopped = The webhook server stopped.
start-listen-failed = Cannot listen on { $address }.
start-wecom-missing = A WeCom setting is missing: { $setting }.
start-wecom-bad-key = The WeCom EncodingAESKey is not valid ({ $setting }).

## The command line's help (zhuqi --help, zhuqi COMMAND --help).
cli-help-usage = Usage: 
cli-help-commands = Commands
cli-help-command = COMMAND
cli-help-arguments = Arguments
cli-help-options = Options
cli-help-help = Print help
cli-help-version = Print the version
cli-help = 助企 — the help-enterprises campaign bot and its work ledger
cli-help-run = Run the bot and its scheduler: Telegram when TELOXIDE_TOKEN is set (WeCom when it is configured); with neither, the console on demo data.
cli-help-migrate = Apply the database migrations (the bot also applies them when it starts).
cli-help-demo = Fill an empty database with a fictional county (clearly marked as demo data).
cli-help-import = Import a roster or catalogue file: CSV (UTF-8 or GBK), or an Excel workbook (.xlsx, its first sheet).
cli-help-import--kind = What the file holds: townships, departments, people, enterprises, projects, approval-items
cli-help-import--file = The CSV file or Excel workbook (.xlsx)
cli-help-invite = Print a single-use invite code for a person (roster code or database id), or for a department's group chat with --department. A person's older unused invites are revoked unless --keep-old.
cli-help-invite--person = The person's roster code or database id
cli-help-invite--department = Make an invite for this department's group chat (roster code; /bind CODE in the group)
cli-help-invite--days = Days until the code expires (default: the invite_ttl_days setting)
cli-help-invite--keep_old = Keep the person's older unused invites valid
cli-help-invite-revoke = Revoke an unused invite code.
cli-help-invite-revoke--code = The invite code
cli-help-people = Take a person's access away, or give it back.
cli-help-people-deactivate = Deactivate a person (roster code or database id): their accounts are treated as unbound, notices to them are cancelled, the campaign office is told their open work.
cli-help-people-deactivate--person = The person's roster code or database id
cli-help-people-deactivate--reason = Why, for the audit log and the campaign office
cli-help-people-activate = Activate a deactivated person again.
cli-help-people-activate--person = The person's roster code or database id
cli-help-accounts = List or unbind people's messenger accounts.
cli-help-accounts-list = List bound messenger accounts (of one person, when given).
cli-help-accounts-list--person = The person's roster code or database id
cli-help-accounts-unbind = Unbind a person's messenger accounts (only the one with --account, when given).
cli-help-accounts-unbind--person = The person's roster code or database id
cli-help-accounts-unbind--account = The account's id, as zhuqi accounts list shows it
cli-help-groups = The departments' bound group chats: list them, or unbind one (or all of a department's).
cli-help-groups-list = List the bound group chats: department, chat id, title, when bound, whether reachable.
cli-help-groups-unbind = End the binding of a group chat (its chat id, e.g. -1001234567890) or of every group of a department (its roster code).
cli-help-groups-unbind--target = A group's chat id or a department's code
cli-help-chat = Talk to the bot in this terminal as a person (roster code or database id).
cli-help-chat--person = The person's roster code or database id
cli-help-summary = Print a summary of the cases (the county unless filtered).
cli-help-summary--period = this-week (default), last-week, this-month, last-month, this-quarter, last-quarter, this-year, last-year, a month (2026-11), or a range such as 2026-11-01..2026-11-30
cli-help-summary--category = Filter by category (code or Chinese name)
cli-help-summary--department = Filter by department (roster code)
cli-help-summary--township = Filter by township (roster code)
cli-help-summary--cadre = Filter by cadre (roster code)
cli-help-summary--lang = Language of the output: zh-CN (default) or en
cli-help-summary--chart = Also write the chart to this PNG file
cli-help-assess = Print or write the assessment table (考核) of departments and cadres.
cli-help-assess--period = this-month (default), last-month, this-week, last-week, this-quarter, last-quarter, this-year, last-year, a month (2026-11), or a range such as 2026-11-01..2026-11-30
cli-help-assess--format = text (default), csv or xlsx
cli-help-assess--output = Output file (text: the terminal unless given; csv and xlsx: assessment-FROM-TO.csv or .xlsx unless given)
cli-help-assess--lang = Language of the output: zh-CN (default) or en
cli-help-export = Export the ledger (台账).
cli-help-export--format = xlsx (default) or csv
cli-help-export--output = Output file (default: ledger-YYYY-MM-DD.xlsx or .csv)
cli-help-export--with_files = Also pack the files kept with the cases into a zip beside it (NAME-files.zip), with a list of every file (files.csv)
cli-help-inspections = Inspections (督查): the report for a period.
cli-help-inspections-report = Print the report of the inspections held from FROM to TO.
cli-help-inspections-report--from = First day (YYYY-MM-DD)
cli-help-inspections-report--to = Last day (YYYY-MM-DD)
cli-help-inspections-report--output = Also write the report's rectification ledger to this .xlsx file
cli-help-inspections-report--lang = Language of the output: zh-CN (default) or en
cli-help-help-command = Print help: zhuqi help COMMAND is zhuqi COMMAND --help.
cli-help-help-command--command = The command to explain
bot-words-ignored = /{ $command } takes nothing after it: “{ $words }” was left aside.
bot-words-ignored-period = /{ $command } is not by period: “{ $words }” was left aside. For that period, send /summary { $period }.
