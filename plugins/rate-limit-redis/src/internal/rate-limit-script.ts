import { createHash } from 'node:crypto';

/** Values of the script's first argument. */
export type ScriptOperation = 'check' | 'release' | 'adjust' | 'block' | 'usage';

/**
 * The one server-side script behind every operation, so each check of a call (all its limits) is
 * a single atomic EVALSHA. It mirrors `bucket-math.ts` of `@hub/middleware-rate-limit`: continuous
 * refill computed on access from the Redis server's own clock (`TIME`, so instances with skewed
 * clocks agree), a cost above the capacity fits only a full bucket, refunds never overfill.
 *
 * KEYS: the prefixed keys. ARGV[1]: the operation. Then, per key, five arguments: requests
 * capacity, tokens capacity and window in ms (`''` for absent; a window of `''` means "use the
 * rule stored with the key"), then `a` and `b`:
 *
 * - `check`: a = requests to take, b = tokens to take. Takes from every key or from none. Replies
 *   `{allowed, retryAfterMs, failedIndex (1-based, 0 when allowed), now, usage...}`.
 * - `release`: gives back what an admitting `check` took (a = requests, b = tokens), never beyond
 *   capacity: for a check whose reply came after its caller stopped waiting. Replies `{now}`.
 * - `adjust`: a = tokens to charge (negative refunds). Replies `{now}`.
 * - `block`: a = block duration in ms, for the first key. Replies `{now}`.
 * - `usage`: replies `{now, usage}` for the first key.
 *
 * A usage is three integers: requests remaining (-1 when unlimited), tokens remaining (-1 when
 * unlimited), epoch ms when the key is fully restored. Hash fields: r and t (levels at u), u (ms),
 * b (blocked until, ms), rc, tc, w (the rule). A key expires exactly when its buckets would be full
 * again and its block has passed, because such a key is indistinguishable from a missing one.
 */
export const RATE_LIMIT_SCRIPT = `
local operation = ARGV[1]
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local EPSILON = 1e-9

local function fmt(value)
  return string.format('%.17g', value)
end

local function refill(level, capacity, elapsed, window)
  if level == nil then return capacity end
  if elapsed <= 0 then return math.min(capacity, level) end
  return math.min(capacity, level + (elapsed * capacity) / window)
end

local function wait_ms(level, cost, capacity, window)
  if cost <= 0 then return 0 end
  local needed = math.min(cost, capacity)
  if level + EPSILON >= needed then return 0 end
  return math.max(1, math.ceil(((needed - level) * window) / capacity - EPSILON))
end

local function until_full(level, capacity, window)
  if level + EPSILON >= capacity then return 0 end
  return math.ceil(((capacity - level) * window) / capacity - EPSILON)
end

local function load(index)
  local base = 1 + (index - 1) * 5
  local fields = redis.call('HMGET', KEYS[index], 'r', 't', 'u', 'b', 'rc', 'tc', 'w')
  local state = {
    key = KEYS[index],
    a = tonumber(ARGV[base + 4]) or 0,
    b = tonumber(ARGV[base + 5]) or 0,
    blocked = tonumber(fields[4]) or 0,
    stored_rc = fields[5] ~= false,
    stored_tc = fields[6] ~= false,
    stored_w = fields[7] ~= false,
  }
  if ARGV[base + 3] == '' then
    state.rc = tonumber(fields[5])
    state.tc = tonumber(fields[6])
    state.w = tonumber(fields[7])
  else
    state.rc = tonumber(ARGV[base + 1])
    state.tc = tonumber(ARGV[base + 2])
    state.w = tonumber(ARGV[base + 3])
  end
  if state.w == nil then
    state.rc = nil
    state.tc = nil
  end
  local elapsed = now - (tonumber(fields[3]) or now)
  if state.rc ~= nil then state.r = refill(tonumber(fields[1]), state.rc, elapsed, state.w) end
  if state.tc ~= nil then state.t = refill(tonumber(fields[2]), state.tc, elapsed, state.w) end
  return state
end

local function save(state)
  local ttl = 0
  if state.rc ~= nil then ttl = math.max(ttl, until_full(state.r, state.rc, state.w)) end
  if state.tc ~= nil then ttl = math.max(ttl, until_full(state.t, state.tc, state.w)) end
  if state.blocked > now then ttl = math.max(ttl, state.blocked - now) end
  if ttl <= 0 then
    redis.call('DEL', state.key)
    return
  end
  local fields = { 'u', fmt(now), 'b', fmt(state.blocked) }
  local stale = {}
  if state.w ~= nil then
    table.insert(fields, 'w')
    table.insert(fields, fmt(state.w))
  elseif state.stored_w then
    table.insert(stale, 'w')
  end
  if state.rc ~= nil then
    table.insert(fields, 'r')
    table.insert(fields, fmt(state.r))
    table.insert(fields, 'rc')
    table.insert(fields, fmt(state.rc))
  elseif state.stored_rc then
    table.insert(stale, 'r')
    table.insert(stale, 'rc')
  end
  if state.tc ~= nil then
    table.insert(fields, 't')
    table.insert(fields, fmt(state.t))
    table.insert(fields, 'tc')
    table.insert(fields, fmt(state.tc))
  elseif state.stored_tc then
    table.insert(stale, 't')
    table.insert(stale, 'tc')
  end
  redis.call('HSET', state.key, unpack(fields))
  if #stale > 0 then redis.call('HDEL', state.key, unpack(stale)) end
  redis.call('PEXPIRE', state.key, ttl)
end

local function push_usage(reply, state)
  local full = 0
  local requests = -1
  local tokens = -1
  if state.rc ~= nil then
    requests = math.max(0, math.floor(state.r + EPSILON))
    full = math.max(full, until_full(state.r, state.rc, state.w))
  end
  if state.tc ~= nil then
    tokens = math.max(0, math.floor(state.t + EPSILON))
    full = math.max(full, until_full(state.t, state.tc, state.w))
  end
  local reset = now + full
  if state.blocked > reset then reset = state.blocked end
  table.insert(reply, requests)
  table.insert(reply, tokens)
  table.insert(reply, reset)
end

if operation == 'check' then
  local states = {}
  local retry_after = 0
  local failed = 0
  for index = 1, #KEYS do
    local state = load(index)
    states[index] = state
    local wait = 0
    if state.blocked > now then wait = state.blocked - now end
    if state.rc ~= nil then wait = math.max(wait, wait_ms(state.r, state.a, state.rc, state.w)) end
    if state.tc ~= nil then wait = math.max(wait, wait_ms(state.t, state.b, state.tc, state.w)) end
    if wait > retry_after then
      retry_after = wait
      failed = index
    end
  end
  if retry_after == 0 then
    for index = 1, #KEYS do
      local state = states[index]
      if state.rc ~= nil or state.tc ~= nil then
        if state.rc ~= nil then state.r = state.r - state.a end
        if state.tc ~= nil then state.t = state.t - state.b end
        save(state)
      end
    end
  end
  local reply = { retry_after == 0 and 1 or 0, retry_after, failed, now }
  for index = 1, #KEYS do push_usage(reply, states[index]) end
  return reply
elseif operation == 'release' then
  for index = 1, #KEYS do
    local state = load(index)
    if state.rc ~= nil or state.tc ~= nil then
      if state.rc ~= nil then state.r = math.min(state.rc, state.r + state.a) end
      if state.tc ~= nil then state.t = math.min(state.tc, state.t + state.b) end
      save(state)
    end
  end
  return { now }
elseif operation == 'adjust' then
  for index = 1, #KEYS do
    local state = load(index)
    if state.tc ~= nil and state.a ~= 0 then
      state.t = math.min(state.tc, state.t - state.a)
      save(state)
    end
  end
  return { now }
elseif operation == 'block' then
  local state = load(1)
  state.blocked = math.max(state.blocked, now + state.a)
  save(state)
  return { now }
elseif operation == 'usage' then
  local reply = { now }
  push_usage(reply, load(1))
  return reply
end
return redis.error_reply('unknown rate-limit operation')
`;

/** SHA1 of `RATE_LIMIT_SCRIPT`, for EVALSHA. */
export const RATE_LIMIT_SCRIPT_SHA = createHash('sha1').update(RATE_LIMIT_SCRIPT).digest('hex');
