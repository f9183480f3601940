-- Calls of a function that is not arithmetic (it has an if), with arguments
-- that are expressions: the general call path. fib(N) makes 2*fib(N+1) - 1 calls.
N = 27

function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

print(fib(N))
