# RMSProp with the batch gradient: the lecture's do_rmsprop
# (Module 5.9), run on 500 points whose x is mostly 0. A benchmark workload:
# bench/rmsprop.opt, bench/rmsprop_np.py and bench/rmsprop_math.py are the same program.
# This copy is for CPython with numpy scalars, as the lecture writes it.
import numpy as np

# Number of passes over the data. bench/run --callgrind rewrites this line.
EPOCHS = 3000

# The sigmoid neuron of the lecture and the gradients of its squared error.
def f(w,b,x):
    return 1.0/(1.0+np.exp(-(w*x+b)))

def grad_b(w,b,x,y):
    fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)

def grad_w(w,b,x,y):
    fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)*x

# 500 points; x is 0 for 80% of them (i % 5 != 0), so the feature of w is
# sparse. y is the neuron with w*=0.9, b*=0.4 plus a fixed ripple in
# [-0.05, 0.05), so that no setting of w, b fits every point exactly.
X = [((i*7919) % 1000)/1000*4 - 2 if i % 5 == 0 else 0 for i in range(500)]
Y = [f(0.9,0.4,X[i]) + 0.1*(((i*3571) % 100)/100 - 0.5) for i in range(500)]

def do_rmsprop(max_epochs):
    #Initialization
    w,b,eta = -4,4,0.1
    beta = 0.5
    v_w,v_b,eps = 0,0,1e-4
    for i in range(max_epochs):
        # zero grad
        dw,db = 0,0
        for x,y in zip(X,Y):
            #compute the gradients
            dw += grad_w(w,b,x,y)
            db += grad_b(w,b,x,y)
        #compute intermediate values
        v_w = beta*v_w + (1-beta)*dw**2
        v_b = beta*v_b + (1-beta)*db**2
        #update parameters
        w = w - eta*dw/(np.sqrt(v_w)+eps)
        b = b - eta*db/(np.sqrt(v_b)+eps)
    return w, b

w, b = do_rmsprop(EPOCHS)
print(w, b)
