-- RMSProp with the batch gradient: the lecture's do_rmsprop
-- (Module 5.9), run on 500 points whose x is mostly 0. A benchmark workload:
-- bench/rmsprop.opt, bench/rmsprop_np.py, bench/rmsprop_math.py and bench/rmsprop.lua are the same program.
-- This copy is for Lua 5.4 (`lua5.4 bench/rmsprop.lua`): globals where Python has
-- module globals, locals where it has locals, math.exp/math.sqrt and ^ for ** and np.power.

-- Number of passes over the data. bench/run --callgrind rewrites this line.
EPOCHS = 3000

-- The sigmoid neuron of the lecture and the gradients of its squared error.
function f(w,b,x)
    return 1.0/(1.0+math.exp(-(w*x+b)))
end

function grad_b(w,b,x,y)
    local fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)
end

function grad_w(w,b,x,y)
    local fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)*x
end

-- 500 points; x is 0 for 80% of them (i % 5 ~= 0), so the feature of w is
-- sparse. y is the neuron with w*=0.9, b*=0.4 plus a fixed ripple in
-- [-0.05, 0.05), so that no setting of w, b fits every point exactly.
X, Y = {}, {}
for i = 0, 499 do X[i+1] = (i % 5 == 0) and ((i*7919) % 1000)/1000*4 - 2 or 0 end
for i = 0, 499 do Y[i+1] = f(0.9,0.4,X[i+1]) + 0.1*(((i*3571) % 100)/100 - 0.5) end

function do_rmsprop(max_epochs)
    --Initialization
    local w,b,eta = -4,4,0.1
    local beta = 0.5
    local v_w,v_b,eps = 0,0,1e-4
    for i = 0, max_epochs-1 do
        -- zero grad
        local dw,db = 0,0
        for k = 1, #X do
            local x,y = X[k],Y[k]
            --compute the gradients
            dw = dw + grad_w(w,b,x,y)
            db = db + grad_b(w,b,x,y)
        end
        --compute intermediate values
        v_w = beta*v_w + (1-beta)*dw^2
        v_b = beta*v_b + (1-beta)*db^2
        --update parameters
        w = w - eta*dw/(math.sqrt(v_w)+eps)
        b = b - eta*db/(math.sqrt(v_b)+eps)
    end
    return w, b
end

local w, b = do_rmsprop(EPOCHS)
print(string.format("%.17g %.17g", w, b))
