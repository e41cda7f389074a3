-- Removes rows of a truncated or dropped table: each key whose last applied seq is below the TRUNCATE's seq is
-- deleted and its seq key becomes a tombstone at that seq (so an older change arriving later cannot bring the row
-- back); keys changed after the TRUNCATE keep their newer row. Returns how many keys were deleted.
-- KEYS[2i-1] row key, KEYS[2i] its seq key. ARGV[1] the TRUNCATE's seq (decimal, no leading zeros), ARGV[2]
-- tombstone TTL ms.
local seq, tombstoneTtl = ARGV[1], ARGV[2]
local deleted = 0
for i = 1, #KEYS, 2 do
  local key, seqKey = KEYS[i], KEYS[i + 1]
  local current = redis.call('GET', seqKey)
  if not (current and (#current > #seq or (#current == #seq and current >= seq))) then
    deleted = deleted + redis.call('DEL', key)
    redis.call('SET', seqKey, seq, 'PX', tombstoneTtl)
  end
end
return deleted
