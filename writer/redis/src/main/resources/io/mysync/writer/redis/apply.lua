-- Applies a run of changes, each to one Redis key, skipping every change whose seq is not above the seq last
-- applied to that key. Returns how many changes were applied.
-- For change i: KEYS[2i-1] row key, KEYS[2i] seq key (holds the last applied seq; outlives a deleted row as its
-- tombstone). ARGV holds, per change: seq (decimal, no leading zeros), 'hash' | 'json' | 'del', row TTL ms
-- (0 = none), tombstone TTL ms, n, then n payload items (hash field/value pairs, or the JSON document).
local applied = 0
local a = 1
for i = 1, #KEYS, 2 do
  local key, seqKey = KEYS[i], KEYS[i + 1]
  local seq, kind, ttl, tombstoneTtl, n = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), ARGV[a + 3], tonumber(ARGV[a + 4])
  local first = a + 5
  a = first + n
  local current = redis.call('GET', seqKey)
  if not (current and (#current > #seq or (#current == #seq and current >= seq))) then
    redis.call('DEL', key)
    if kind == 'del' then
      redis.call('SET', seqKey, seq, 'PX', tombstoneTtl)
    else
      if kind == 'hash' then
        if n > 0 then
          redis.call('HSET', key, unpack(ARGV, first, first + n - 1))
        end
      else
        redis.call('SET', key, ARGV[first])
      end
      if ttl > 0 then
        redis.call('PEXPIRE', key, ttl)
        redis.call('SET', seqKey, seq, 'PX', ttl)
      else
        redis.call('SET', seqKey, seq)
      end
    end
    applied = applied + 1
  end
end
return applied
