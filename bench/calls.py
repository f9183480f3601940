# Calls of a function that is not arithmetic (it has an if), with arguments
# that are expressions: the general call path. fib(N) makes 2*fib(N+1) - 1 calls.
N = 27

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print(fib(N))
