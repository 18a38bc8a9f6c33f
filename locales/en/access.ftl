# Taking access away: deactivated people, unbound accounts, revoked invites, /people, invite
# guessing, handing over work.

## Chat
bot-cmd-people = People and accounts (admins)
access-withdrawn = Your access has been withdrawn: the bot no longer acts for this account. Please contact the campaign office if this is a mistake.
access-invite-try-later = Too many wrong invite codes. Please try again in an hour.
event-reassigned = Handed to another officer

## The campaign office's notice of a deactivation
access-office-deactivated = <b>Deactivated</b>: { $name } ({ $code }), reason: { $reason }.
access-office-nothing-open = They have no open cases and no paired enterprises.
access-office-cases = Open cases ({ $count }):
access-office-case-line = · { $number } · { $enterprise } · { $status } ({ $role })
access-as-assignee = responsible officer
access-as-cadre = helping cadre
access-office-enterprises = Paired enterprises ({ $count }); please choose another cadre for each:
access-office-enterprise-line = · { $enterprise } ({ $township })
access-office-more = …and { $count } more not listed.
access-button-reassign-case = Hand over { $number }
access-button-reassign-enterprise = New cadre: { $enterprise }

## Handing over
access-reassign-moved-on = { $number } already has another officer; nothing to hand over.
access-reassign-no-officer = { $department } has no other officer to take { $number }. Import one first, or dispatch the case again.
access-reassign-pick-officer = Which officer of { $department } should take { $number }?
access-reassign-not-officer = That person is no longer an active officer of the department; please choose again.
access-reassign-case-note = { $from } was deactivated; handed to { $to }
access-notify-reassigned = 🔁 { $actor } handed { $number } to you
access-reassign-case-done = { $number } handed to { $officer }.
access-reassign-no-enterprise = That enterprise cannot be found.
access-reassign-enterprise-moved-on = { $enterprise } already has another cadre; nothing to change.
access-reassign-no-cadre = There is no other active cadre to pair with.
access-reassign-pick-cadre = Which cadre should { $enterprise } be paired with?
access-reassign-not-cadre = That person is no longer an active cadre; please choose again.
access-reassign-cadre-note = { $enterprise }'s cadre changed from { $from } to { $to }
access-reassign-enterprise-done = { $enterprise } is now paired with { $cadre }, and so are its open cases.

## /people
access-people-title = People (page { $page } of { $pages }, { $total } in all):
access-people-line = · { $name } ({ $code }): { $state }{ $unreachable }
access-people-bound = { $accounts } accounts bound, { $last }
access-people-last-used = last used { $when }
access-people-never-used = not used yet
access-people-unbound = not bound
access-people-inactive = deactivated
access-people-unreachable = , messages do not reach them
access-people-empty = The roster has nobody yet.
access-people-previous = ◀ Previous
access-people-next = Next ▶
access-button-unbind = Unbind { $name }
access-button-deactivate = Deactivate { $name }
access-button-invite = 🔑 Invite code for { $name }
access-invite-made = 🔑 Invite code for { $name } ({ $code }): <b>{ $invite }</b>
    It works once, until { $expires }. Hand it to them: in a private chat with the bot they send /start { $invite }
access-invite-existing = 🔑 { $name } ({ $code }) still has an unused invite code: <b>{ $invite }</b>
    It works once, until { $expires }. Hand it to them: in a private chat with the bot they send /start { $invite }
    (Pressing again never voids a code already handed over; for a fresh code, run zhuqi invite { $code } on the command line.)
access-invite-already-bound = { $name } ({ $code }) has a bound account and needs no invite code. For a new phone, unbind first, then give an invite code.
access-confirm-unbind = Unbind every account of { $name } ({ $code })? They will need a new invite code to bind again. Press again to confirm.
access-confirm-deactivate = Deactivate { $name } ({ $code })? They will no longer be able to use the bot; the campaign office will be told their open cases and paired enterprises. Press again to confirm.
access-button-confirm-unbind = Confirm: unbind { $name }
access-button-confirm-deactivate = Confirm: deactivate { $name }
access-people-nothing-to-unbind = { $name } ({ $code }) has no bound account.
access-people-already-inactive = { $name } ({ $code }) is deactivated already.
access-people-not-yourself = You cannot deactivate yourself.
access-people-gone = That person cannot be found.
access-unbound = Unbound { $count } accounts of { $name } ({ $code }).
access-deactivated = { $name } ({ $code }) deactivated: { $notices } queued notices cancelled, { $invites } unused invites revoked; the campaign office was told to hand over their work.

## Command line
cli-people-deactivated = { $name } ({ $code }) deactivated: { $accounts } accounts no longer work, { $notices } queued notices cancelled, { $invites } unused invites revoked; the campaign office was told their open cases and paired enterprises.
cli-people-already-inactive = { $name } ({ $code }) is deactivated already; nothing changed.
cli-people-activated = { $name } ({ $code }) activated again; their accounts work again.
cli-people-already-active = { $name } ({ $code }) is active already; nothing changed.
cli-accounts-none = No bound accounts.
cli-accounts-col-id = id
cli-accounts-col-person = person
cli-accounts-col-transport = transport
cli-accounts-col-user = user id
cli-accounts-col-username = username
cli-accounts-col-bound = bound at
cli-accounts-col-used = last used
cli-accounts-inactive-mark = (deactivated)
cli-accounts-unbound = Unbound { $count } accounts of { $name } ({ $code }):
cli-accounts-unbound-line = · id { $account }: { $transport } user { $user } ({ $username })
cli-accounts-nothing-to-unbind = { $name } ({ $code }) has no bound account.
cli-accounts-no-such-account = { $name } ({ $code }) has no account with id { $account }. See zhuqi accounts list.
cli-invite-person-inactive = { $person } is deactivated: no invite can be made for them. Run zhuqi people activate { $person } first.
cli-invite-superseded = Their { $count } older unused invites no longer work: { $codes } (use --keep-old to keep them).
cli-invite-revoked = Invite { $code } ({ $target }) revoked: it no longer works.
cli-invite-revoke-used = Invite { $code } was used already and cannot be revoked. To take the access away, use zhuqi accounts unbind or zhuqi people deactivate.
cli-invite-revoke-already = Invite { $code } was revoked already.
cli-invite-revoke-unknown = There is no invite { $code }.
cli-import-deactivated = { $count } people deactivated by the in-post column; the campaign office was told to hand over their work.
import-error-bad-active = in post (active) must be yes or no (是/否, true/false, 1/0), not “{ $value }”
cli-chat-person-inactive = { $name } ({ $code }) is deactivated and cannot use the bot. Run zhuqi people activate { $code } first.
access-people-found = People whose name or code contains “{ $words }” ({ $total }):
access-people-found-first = { $total } people's names or codes contain “{ $words }”; the first { $shown } follow. More precise words narrow it down:
access-people-none-found = Nobody's name or code contains “{ $words }”. Send /people for everyone.
