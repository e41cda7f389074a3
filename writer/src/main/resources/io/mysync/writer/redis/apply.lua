-- Applies one change to one Redis key unless a change with an equal or higher seq was applied before.
-- KEYS[1] row key, KEYS[2] seq key (holds the last applied seq; outlives a deleted row as its tombstone)
-- ARGV[1] seq (decimal, no leading zeros), ARGV[2] 'hash' | 'json' | 'del', ARGV[3] row TTL ms (0 = none),
-- ARGV[4] tombstone TTL ms, ARGV[5..] hash field/value pairs, or the JSON document
local seq = ARGV[1]
local current = redis.call('GET', KEYS[2])
if current and (#current > #seq or (#current == #seq and current >= seq)) then
  return 0
end
local kind = ARGV[2]
local ttl = tonumber(ARGV[3])
redis.call('DEL', KEYS[1])
if kind == 'del' then
  redis.call('SET', KEYS[2], seq, 'PX', ARGV[4])
  return 1
end
if kind == 'hash' then
  if #ARGV > 4 then
    redis.call('HSET', KEYS[1], unpack(ARGV, 5))
  end
else
  redis.call('SET', KEYS[1], ARGV[5])
end
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('SET', KEYS[2], seq, 'PX', ttl)
else
  redis.call('SET', KEYS[2], seq)
end
return 1
