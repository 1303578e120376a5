/**
 * The Lua scripts of the Redis budget store. Each runs atomically on the Redis server, on one key (a
 * hash per budget), with Redis's own clock (`TIME`), so workers on machines with different clocks
 * agree on every time.
 *
 * Fields of the hash `<prefix><key>`:
 * - `spec`: `"<requests>/<intervalMs>"` of the budget; a caller with another budget is refused;
 * - `t<i>`, `l<i>`: the token of the holder of slot `i` (1-based) and when its lease runs out (ms);
 * - `f<i>`: when slot `i` is free again (ms), after a response; absent = free;
 * - `pause`: until when (ms) the API asked every worker to pause.
 *
 * A lapsed lease counts as a response at its expiry: the slot is free `intervalMs` after it, since
 * the request it stood for may have reached the server at any time up to then. The hash expires by
 * itself once nothing in it matters any more (every lease run out and a window past, the pause over).
 * @module
 */

const PRELUDE = `
local key = KEYS[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
-- Keeps the hash at least ms (+1 s) longer; never shortens it.
local function keep(ms)
  if redis.call('PTTL', key) < ms + 1000 then redis.call('PEXPIRE', key, math.ceil(ms) + 1000) end
end
`;

/**
 * ARGV: requests, intervalMs, leaseMs, token. Returns `{1, slot, pausedMs}` when a slot was taken,
 * else `{0, waitMs, pausedMs}`: the soonest any slot may be free (a slot in flight: a window from now
 * at the soonest, as it could be released at once).
 */
export const ACQUIRE = `${PRELUDE}
local n = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
local spec = ARGV[1] .. '/' .. ARGV[2]
local have = redis.call('HGET', key, 'spec')
if have and have ~= spec then
  return redis.error_reply('INBOXKIT_BUDGET_MISMATCH budget "' .. key .. '" is ' .. have .. ' (requests/intervalMs) in Redis, not ' .. spec .. ': every worker sharing a key must use the same budget')
end
local pause = tonumber(redis.call('HGET', key, 'pause') or '0')
local paused = 0
if pause > now then paused = pause - now end
local soonest = nil
for i = 1, n do
  local at, earliest
  local expires = redis.call('HGET', key, 'l' .. i)
  if expires then
    expires = tonumber(expires)
    at = expires + interval
    earliest = math.min(expires, now) + interval
  else
    at = tonumber(redis.call('HGET', key, 'f' .. i) or '0')
    earliest = at
  end
  if at <= now then
    redis.call('HSET', key, 'spec', spec, 't' .. i, ARGV[4], 'l' .. i, now + lease)
    redis.call('HDEL', key, 'f' .. i)
    keep(lease + interval)
    return {1, i, paused}
  end
  if soonest == nil or earliest < soonest then soonest = earliest end
end
return {0, soonest - now, paused}
`;

/**
 * ARGV: slot, token, sent (`"1"`/`"0"`), intervalMs. Frees the slot a window from now (sent) or at
 * once; does nothing (returns 0) when the token no longer holds the slot.
 */
export const RELEASE = `${PRELUDE}
local slot = ARGV[1]
if redis.call('HGET', key, 't' .. slot) ~= ARGV[2] then return 0 end
redis.call('HDEL', key, 't' .. slot, 'l' .. slot)
if ARGV[3] == '1' then
  local interval = tonumber(ARGV[4])
  redis.call('HSET', key, 'f' .. slot, now + interval)
  keep(interval)
end
return 1
`;

/** ARGV: leaseMs, intervalMs, then slot, token pairs. Extends the leases still held by those tokens; returns how many. */
export const RENEW = `${PRELUDE}
local lease = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local renewed = 0
for j = 3, #ARGV, 2 do
  if redis.call('HGET', key, 't' .. ARGV[j]) == ARGV[j + 1] then
    redis.call('HSET', key, 'l' .. ARGV[j], now + lease)
    renewed = renewed + 1
  end
end
if renewed > 0 then keep(lease + interval) end
return renewed
`;

/** ARGV: ms. Pauses the budget until now + ms unless a longer pause is set; returns the pause left (ms). */
export const PAUSE = `${PRELUDE}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', key, 'pause') or '0')
if untilMs > current then
  redis.call('HSET', key, 'pause', untilMs)
  current = untilMs
end
keep(current - now)
return current - now
`;
