# WeCom: cards and buttons
wecom-card-see-above = See the message above, then choose:
wecom-card-more = More choices (set { $page })
import-error-bad-wecom-userid = The WeCom userid “{ $value }” is not valid (1 to 64 letters, digits or _ - @ .)
import-error-duplicate-wecom-userid = The WeCom userid “{ $userid }” repeats line { $first }
