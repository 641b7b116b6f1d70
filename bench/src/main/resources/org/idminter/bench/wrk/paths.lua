-- GET of a random path from the file WRK_PATHS (one per line).
dofile(os.getenv("WRK_COMMON"))
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
function init(args) math.randomseed(os.time() * 100 + (tid or 0)) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
