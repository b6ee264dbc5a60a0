-- Drives Neovim's own LSP client against the bundled server, the way a user's config would, and
-- writes what it saw as JSON for test/nvim/nvim.test.ts to judge. Neovim 0.7 has no `-l`: this
-- runs with `-c 'luafile probe.lua'`; every error is caught so nvim always quits instead of hanging.
--
-- Input (JSON file named by NVIM_PROBE_INPUT):
--   { server = {argv...}, file, root, filetype, timeout_ms,
--     hovers = { {line, character}... },        -- LSP positions (UTF-16)
--     fix = { line, character, title } }        -- where to ask for code actions, which one to apply
-- Output (JSON file named by NVIM_PROBE_OUTPUT): see the `result` table below.

local input = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('NVIM_PROBE_INPUT')), '\n'))
local result = { publishes = {} }

local function write_result()
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv('NVIM_PROBE_OUTPUT'))
end

local function wait_for(what, predicate)
  if not vim.wait(input.timeout_ms, predicate, 20) then
    error('timed out waiting for ' .. what)
  end
end

-- Neovim's diagnostics for the buffer, with the text their byte columns cover on the line.
local function neovim_diagnostics(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
    table.insert(items, {
      code = d.code,
      source = d.source,
      severity = d.severity,
      lnum = d.lnum,
      col = d.col,
      end_col = d.end_col,
      text = d.lnum == d.end_lnum and line:sub(d.col + 1, d.end_col) or vim.NIL,
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return items
end

local function hover_text(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, part in ipairs(contents) do table.insert(parts, hover_text(part)) end
  return table.concat(parts, '\n')
end

local function run()
  vim.lsp.set_log_level('warn')
  vim.cmd('edit ' .. vim.fn.fnameescape(input.file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = input.filetype
  local uri = vim.uri_from_bufnr(bufnr)

  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local server_exit
  local client_id = vim.lsp.start_client({
    name = 'exchange-ports',
    cmd = input.server,
    root_dir = input.root,
    on_exit = function(code) server_exit = code end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params.uri == uri then
          table.insert(result.publishes, { version = params.version, diagnostics = params.diagnostics })
        end
        return default_publish(err, params, ctx, config)
      end,
    },
  })
  if not client_id then error('vim.lsp.start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  wait_for('initialize', function()
    if server_exit then error('the server exited with ' .. server_exit .. '; see lsp.log') end
    return client.initialized
  end)
  result.offset_encoding = client.offset_encoding

  wait_for('the first diagnostics', function() return #result.publishes > 0 end)
  local first = result.publishes[#result.publishes].diagnostics
  result.diagnostics_before = neovim_diagnostics(bufnr)

  result.hovers = {}
  for _, position in ipairs(input.hovers) do
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
      textDocument = { uri = uri },
      position = position,
    }, input.timeout_ms)
    local response = responses and responses[client_id]
    local hover = response and response.result
    table.insert(result.hovers, hover and { text = hover_text(hover.contents), range = hover.range } or vim.NIL)
  end

  local position = { line = input.fix.line, character = input.fix.character }
  local under_cursor = {}
  for _, d in ipairs(first) do
    if d.range.start.line <= position.line and position.line <= d.range['end'].line then
      table.insert(under_cursor, d)
    end
  end
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = position, ['end'] = position },
    context = { diagnostics = under_cursor },
  }, input.timeout_ms)
  local actions = (responses and responses[client_id] and responses[client_id].result) or {}
  result.action_titles = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.action_titles, action.title)
    if action.title == input.fix.title then chosen = action end
  end
  if not chosen then error('no code action titled ' .. input.fix.title) end

  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  result.lines_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  -- Neovim sends the edit as didChange (debounced); the server answers for that version only.
  local edited_version = vim.lsp.util.buf_versions[bufnr]
  wait_for('diagnostics for the edited text', function()
    local last = result.publishes[#result.publishes]
    return last.version == edited_version
  end)
  result.diagnostics_after = neovim_diagnostics(bufnr)

  vim.lsp.stop_client(client_id)
  wait_for('the server to stop', function() return vim.lsp.client_is_stopped(client_id) end)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then result.error = err end
write_result()
vim.cmd(ok and 'qall!' or 'cquit! 1')
