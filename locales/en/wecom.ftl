# WeCom: cards and buttons
wecom-card-see-above = See the message above, then choose:
wecom-card-more = More choices (set { $page })
import-error-bad-wecom-userid = The WeCom userid “{ $value }” is not valid (1 to 64 letters, digits or _ - @ .)
import-error-duplicate-wecom-userid = The WeCom userid “{ $userid }” repeats line { $first }

# /channel: which messenger notices go to
bot-cmd-channel = Choose the messenger for notices
menus-help-channel = /channel choose whether notices go to Telegram or WeCom (default: the one used last)
channel-name-telegram = Telegram
channel-name-wecom = WeCom
channel-auto = the messenger you used last
channel-separator = {", "}
channel-no-accounts = none (no Telegram or WeCom account bound yet)
channel-current = Notices go to: { $channel }. Your accounts: { $available }. Send “/channel name” to change, “/channel auto” for the one used last.
channel-set = From now on notices go to: { $channel }.
channel-unknown = You have no account on “{ $value }”. Your accounts: { $available }.
wecom-card-done = Done
