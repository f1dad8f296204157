-- Neovim 0.7 as a second, non-VS Code LSP client (push diagnostics, no documentChanges):
-- attach piilint-language-server to a file, read its diagnostics, apply the preferred quick fix, see it go.
-- Environment: SERVER (the server script), ROOT (the workspace folder), FILE (the file to open).
-- Prints one line per step; exits 0 when every step passed, 1 otherwise.
local out = function(s) io.stdout:write(s .. '\n') end
local fail = function(s) out('FAIL ' .. s); vim.cmd('cquit 1') end
local raw = {}

local id = vim.lsp.start_client({
  name = 'piilint',
  cmd = { 'node', os.getenv('SERVER'), '--stdio' },
  root_dir = os.getenv('ROOT'),
  workspace_folders = { { uri = vim.uri_from_fname(os.getenv('ROOT')), name = 'dealer' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      raw[result.uri] = result.diagnostics
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not id then fail('the server did not start') end

vim.cmd('edit ' .. os.getenv('FILE'))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
vim.lsp.buf_attach_client(buf, id)

local function piilint_diagnostics()
  local list = {}
  for _, d in ipairs(raw[uri] or {}) do
    if d.code == 'no-id-number-logging' then table.insert(list, d) end
  end
  return list
end

if not vim.wait(30000, function() return #piilint_diagnostics() > 0 end, 20) then fail('no diagnostics within 30 s') end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out(('DIAG %d:%d %s'):format(d.lnum + 1, d.col + 1, d.message:sub(1, 60)))
end
local d = piilint_diagnostics()[1]
out(('CODE %s %s'):format(d.code, d.codeDescription and d.codeDescription.href or '(no link)'))
if d.range.start.line ~= tonumber(os.getenv('EXPECTED_LINE')) - 1 then fail('diagnostic on line ' .. (d.range.start.line + 1)) end
if not d.relatedInformation or #d.relatedInformation == 0 then fail('no relatedInformation (path)') end
out(('PATH %d steps, first: %s'):format(#d.relatedInformation, d.relatedInformation[1].message))

local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = d.range,
  context = { diagnostics = { d } },
}, 10000)
local actions = responses and responses[id] and responses[id].result or {}
local preferred
for _, action in ipairs(actions) do
  out('ACTION ' .. action.title .. (action.isPreferred and ' (preferred)' or ''))
  if action.isPreferred then preferred = action end
end
if not preferred then fail('no preferred quick fix') end
vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
local line = vim.api.nvim_buf_get_lines(buf, d.range.start.line, d.range.start.line + 1, false)[1]
out('FIXED ' .. vim.trim(line))
if not line:find('****', 1, true) then fail('the fix was not applied') end

if not vim.wait(30000, function() return #piilint_diagnostics() == 0 end, 20) then fail('the diagnostic did not go within 30 s') end
out('CLEARED')
vim.lsp.stop_client(id)
vim.cmd('qall!')
