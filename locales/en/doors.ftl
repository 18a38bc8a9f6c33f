## Group chats: binding and notices

bot-group-bind-stranger = Only an officer or the head of the department, with a bound account, can bind a work group. First bind your account with your own invite code in a private chat with me, then send /bind with the department's code here.
bot-group-bind-not-officer = This invite code is for { $department }: only its officers or its head can bind a work group with it. The code is still valid.
bot-group-already-bound = This group already is { $department }'s work group; nothing to do. The code is still valid.
bot-group-bound-elsewhere = This group is { $department }'s work group and cannot be moved to another department directly. To move it, an admin must unbind it first (zhuqi groups unbind { $chat }). The code is still valid.

bot-group-card-township = Township: { $township }
bot-group-card-private = The enterprise, the problem and the process record are shown in a private chat with me: /case { $number }
bot-group-notice-dispatched = 📨 <b>New case</b>: { $number }; an officer of the department should sign for it.
bot-group-notice-reopened = ⚠️ { $number } was sent back to the department; an officer should take it up.
bot-group-notice-closed = ✅ { $number } is confirmed closed.
bot-group-notice-supervised = 🔴 <b>Supervision</b>: { $number } is under supervision; please speed it up.
bot-group-notice-changed = 📝 There is news on { $number }; ask me privately for the details.

## /groups (admins)

bot-groups-admins-only = Only admins can list the work groups.
bot-groups-none = No group chat is bound.
bot-groups-title = <b>Bound work groups ({ $count }):</b>
bot-groups-no-title = untitled
bot-groups-line = · { $department } — "{ $title }" ({ $chat }), bound { $bound }
bot-groups-line-unreachable = · { $department } — "{ $title }" ({ $chat }), bound { $bound } · unreachable
bot-groups-unbind-hint = To unbind one, run on the command line: zhuqi groups unbind CHAT_ID or DEPARTMENT_CODE

## Command line: zhuqi groups

cli-groups-count = Bound work groups: { $count }
cli-groups-line = { $department } ({ $department_code }) · chat { $chat } ({ $transport }) · "{ $title }" · bound { $bound } · { $reachable }
cli-groups-no-title = untitled
cli-groups-reachable = reachable
cli-groups-unreachable = unreachable
cli-groups-unknown-target = "{ $target }" is neither a department code nor a chat id (a chat id is a number, like -1001234567890).
cli-groups-nothing-bound = "{ $target }" has no bound work group; nothing was changed.
cli-groups-unbound = Unbound { $count } work group(s) (recorded in the audit log); nothing more is sent to them:

## Scheduled reminders to a work group

sched-group-enterprise = (enterprise: ask me privately)
