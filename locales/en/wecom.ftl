# WeCom: cards and buttons
wecom-card-see-above = See the message above, then choose:
wecom-card-more = More choices (set { $page })
