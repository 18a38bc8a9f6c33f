-- The sender serves chats in turn: among lanes of one priority, the one sent to longest ago
-- (or never) goes first. This finds a lane's latest send without reading its history.
create index outbox_lane_sent_idx on outbox (lane, sent_at) where status = 'sent';
