-- AdaGrad with the batch gradient: the lecture's do_adagrad
-- (Module 5.9), run on 500 points whose x is mostly 0. A benchmark workload:
-- bench/adagrad.opt, bench/adagrad_np.py, bench/adagrad_math.py and bench/adagrad.lua are the same program.
-- This copy is for Lua 5.4 (`lua5.4 bench/adagrad.lua`): globals where Python has
-- module globals, locals where it has locals, math.exp/math.sqrt and ^ for ** and np.power.

-- Number of passes over the data. bench/run --callgrind rewrites this line.
EPOCHS = 2500

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

function do_adagrad(max_epochs)
    --Initialization
    local w,b,eta = -2,-2,0.1
    local v_w,v_b,eps = 0,0,1e-8
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
        v_w = v_w + dw^2
        v_b = v_b + db^2
        --update parameters
        w = w - eta*dw/(math.sqrt(v_w)+eps)
        b = b - eta*db/(math.sqrt(v_b)+eps)
    end
    return w, b
end

local w, b = do_adagrad(EPOCHS)
print(string.format("%.17g %.17g", w, b))
